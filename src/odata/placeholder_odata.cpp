// Placeholder so the object library has a source until the layer's first file lands.
