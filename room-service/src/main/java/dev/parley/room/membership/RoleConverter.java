package dev.parley.room.membership;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.wireName();
    }

    @Override
    public Role convertToEntityAttribute(String column) {
        return column == null ? null : Role.fromWireName(column);
    }
}
