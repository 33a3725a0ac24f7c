// Placeholder until the mock server's first source lands.
