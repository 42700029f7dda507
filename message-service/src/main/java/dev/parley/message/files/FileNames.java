package dev.parley.message.files;

/**
 * The name a file is stored and offered under: the last segment of the name its uploader sent, without
 * control or format characters (no bidirectional overrides to disguise an extension), trimmed, at most
 * {@value #MAX_LENGTH} characters; {@value #UNNAMED} when nothing is left.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;
    static final String UNNAMED = "file";

    private FileNames() {
    }

    static String sanitise(String sent) {
        if (sent == null) {
            return UNNAMED;
        }
        String last = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(last.length());
        last.codePoints().filter(FileNames::isKept).forEach(kept::appendCodePoint);
        String name = kept.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return UNNAMED;
        }
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int end = Character.isHighSurrogate(name.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return name.substring(0, end);
    }

    private static boolean isKept(int codePoint) {
        int type = Character.getType(codePoint);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE;
    }
}
