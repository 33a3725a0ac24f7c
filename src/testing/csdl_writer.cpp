#include <epicor/testing/csdl.hpp>

#include <nlohmann/json.hpp>

#include <set>

namespace epicor::testing {
namespace {

std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c; break;
        }
    }
    return out;
}

std::string attribute(const char* name, std::string_view value) {
    return std::string(" ") + name + "=\"" + escape_xml(value) + "\"";
}

// Container name as Kinetic derives it from the service, e.g. Erp.BO.CustomerSvc -> CustomerSvc.
std::string container_name(const std::string& service) {
    const auto dot = service.rfind('.');
    return dot == std::string::npos ? service : service.substr(dot + 1);
}

void append_properties(std::string& out, const EntityType& type, ODataVersion version) {
    out += "<Key>";
    for (const std::string& key : type.keys()) {
        out += "<PropertyRef" + attribute("Name", key) + "/>";
    }
    out += "</Key>";
    for (const Field& field : type.fields()) {
        out += "<Property" + attribute("Name", field.name) + attribute("Type", edm_type_name(field.type, version));
        if (!field.nullable) {
            out += attribute("Nullable", "false");
        }
        if (field.max_length) {
            out += attribute("MaxLength", std::to_string(*field.max_length));
        }
        if (field.type == FieldType::Decimal) {
            out += attribute("Precision", std::to_string(field.precision)) + attribute("Scale", std::to_string(field.scale));
        }
        if (version == ODataVersion::v2 && (field.type == FieldType::DateTime || field.type == FieldType::DateTimeOffset)) {
            out += attribute("Precision", "7");
        }
        out += "/>";
    }
}

const EntitySetInfo* target_of(const ServiceInfo& service, const Navigation& navigation) {
    return service.find_entity_set(navigation.target_entity_set);
}

std::string write_v1(const ServiceInfo& service) {
    const std::string& ns = service.name;
    std::string out = R"(<?xml version="1.0" encoding="utf-8"?>)";
    out += R"(<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">)";
    out += R"(<edmx:DataServices m:DataServiceVersion="3.0" m:MaxDataServiceVersion="3.0" )"
           R"(xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">)";
    out += "<Schema" + attribute("Namespace", ns) + R"( xmlns="http://schemas.microsoft.com/ado/2009/11/edm">)";

    std::set<std::string> written_types;
    std::string associations;
    std::string association_sets;
    for (const EntitySetInfo& entity_set : service.entity_sets) {
        const EntityType& type = *entity_set.type;
        if (!written_types.insert(type.name()).second) {
            continue;
        }
        out += "<EntityType" + attribute("Name", type.name()) + ">";
        append_properties(out, type, ODataVersion::v1);
        for (const Navigation& navigation : type.navigations()) {
            const EntitySetInfo* target = target_of(service, navigation);
            if (target == nullptr) {
                continue;
            }
            const std::string association = type.name() + "_" + navigation.name;
            const std::string from_role = type.name();
            const std::string to_role = navigation.name;
            out += "<NavigationProperty" + attribute("Name", navigation.name) +
                   attribute("Relationship", ns + "." + association) + attribute("FromRole", from_role) +
                   attribute("ToRole", to_role) + "/>";

            associations += "<Association" + attribute("Name", association) + ">";
            associations += "<End" + attribute("Type", ns + "." + type.name()) + attribute("Role", from_role) +
                            attribute("Multiplicity", "1") + "/>";
            associations += "<End" + attribute("Type", ns + "." + target->type->name()) + attribute("Role", to_role) +
                            attribute("Multiplicity", "*") + "/>";
            associations += "<ReferentialConstraint><Principal" + attribute("Role", from_role) + ">";
            for (const auto& [parent_field, child_field] : navigation.key_mapping) {
                associations += "<PropertyRef" + attribute("Name", parent_field) + "/>";
            }
            associations += "</Principal><Dependent" + attribute("Role", to_role) + ">";
            for (const auto& [parent_field, child_field] : navigation.key_mapping) {
                associations += "<PropertyRef" + attribute("Name", child_field) + "/>";
            }
            associations += "</Dependent></ReferentialConstraint></Association>";

            association_sets += "<AssociationSet" + attribute("Name", association) +
                                attribute("Association", ns + "." + association) + ">";
            association_sets += "<End" + attribute("Role", from_role) + attribute("EntitySet", entity_set.name) + "/>";
            association_sets += "<End" + attribute("Role", to_role) + attribute("EntitySet", target->name) + "/>";
            association_sets += "</AssociationSet>";
        }
        out += "</EntityType>";
    }
    out += associations;

    out += "<EntityContainer" + attribute("Name", container_name(ns)) +
           R"( m:IsDefaultEntityContainer="true">)";
    for (const EntitySetInfo& entity_set : service.entity_sets) {
        out += "<EntitySet" + attribute("Name", entity_set.name) +
               attribute("EntityType", ns + "." + entity_set.type->name()) + "/>";
    }
    out += association_sets;
    out += "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>";
    return out;
}

std::string write_v2(const ServiceInfo& service) {
    const std::string& ns = service.name;
    std::string out = R"(<?xml version="1.0" encoding="utf-8"?>)";
    out += R"(<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">)";
    out += "<edmx:DataServices>";
    out += "<Schema" + attribute("Namespace", ns) + R"( xmlns="http://docs.oasis-open.org/odata/ns/edm">)";

    std::set<std::string> written_types;
    for (const EntitySetInfo& entity_set : service.entity_sets) {
        const EntityType& type = *entity_set.type;
        if (!written_types.insert(type.name()).second) {
            continue;
        }
        out += "<EntityType" + attribute("Name", type.name()) + ">";
        append_properties(out, type, ODataVersion::v2);
        for (const Navigation& navigation : type.navigations()) {
            const EntitySetInfo* target = target_of(service, navigation);
            if (target == nullptr) {
                continue;
            }
            out += "<NavigationProperty" + attribute("Name", navigation.name) +
                   attribute("Type", "Collection(" + ns + "." + target->type->name() + ")") + ">";
            for (const auto& [parent_field, child_field] : navigation.key_mapping) {
                out += "<ReferentialConstraint" + attribute("Property", parent_field) +
                       attribute("ReferencedProperty", child_field) + "/>";
            }
            out += "</NavigationProperty>";
        }
        out += "</EntityType>";
    }

    out += "<EntityContainer" + attribute("Name", container_name(ns)) + ">";
    for (const EntitySetInfo& entity_set : service.entity_sets) {
        out += "<EntitySet" + attribute("Name", entity_set.name) +
               attribute("EntityType", ns + "." + entity_set.type->name()) + ">";
        for (const Navigation& navigation : entity_set.type->navigations()) {
            if (const EntitySetInfo* target = target_of(service, navigation)) {
                out += "<NavigationPropertyBinding" + attribute("Path", navigation.name) +
                       attribute("Target", target->name) + "/>";
            }
        }
        out += "</EntitySet>";
    }
    out += "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>";
    return out;
}

}  // namespace

std::string write_metadata(const ServiceInfo& service, ODataVersion version) {
    return version == ODataVersion::v1 ? write_v1(service) : write_v2(service);
}

std::string write_service_document(const ServiceInfo& service, ODataVersion version, std::string_view metadata_url) {
    nlohmann::json sets = nlohmann::json::array();
    for (const EntitySetInfo& entity_set : service.entity_sets) {
        if (version == ODataVersion::v1) {
            sets.push_back({{"name", entity_set.name}, {"url", entity_set.name}});
        } else {
            sets.push_back({{"name", entity_set.name}, {"kind", "EntitySet"}, {"url", entity_set.name}});
        }
    }
    // nlohmann::json sorts object members by name; write the context first by hand.
    std::string out = "{";
    out += nlohmann::json(version == ODataVersion::v1 ? "odata.metadata" : "@odata.context").dump();
    out += ':';
    out += nlohmann::json(std::string(metadata_url)).dump();
    out += ",\"value\":";
    out += sets.dump();
    out += '}';
    return out;
}

}  // namespace epicor::testing
