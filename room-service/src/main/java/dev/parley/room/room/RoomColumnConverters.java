package dev.parley.room.room;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Kind and visibility are stored in their wire spelling ({@code group}, {@code public}, …). */
final class RoomColumnConverters {

    private RoomColumnConverters() {
    }

    @Converter
    static class KindConverter implements AttributeConverter<RoomKind, String> {

        @Override
        public String convertToDatabaseColumn(RoomKind kind) {
            return kind == null ? null : kind.wireName();
        }

        @Override
        public RoomKind convertToEntityAttribute(String column) {
            return column == null ? null : RoomKind.fromWireName(column);
        }
    }

    @Converter
    static class VisibilityConverter implements AttributeConverter<Visibility, String> {

        @Override
        public String convertToDatabaseColumn(Visibility visibility) {
            return visibility == null ? null : visibility.wireName();
        }

        @Override
        public Visibility convertToEntityAttribute(String column) {
            return column == null ? null : Visibility.fromWireName(column);
        }
    }
}
