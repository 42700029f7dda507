package dev.parley.message.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTests {

    @Test
    void aNameIsTheLastSegmentOfThePathItWasSentWith() {
        assertThat(FileNames.sanitise("report.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.sanitise("/home/me/report.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.sanitise("C:\\Users\\me\\..\\report.pdf")).isEqualTo("report.pdf");
    }

    @Test
    void controlAndFormatCharactersAreDroppedAndTheRestIsKept() {
        assertThat(FileNames.sanitise("  na\u0000me\r\n.txt ")).isEqualTo("name.txt");
        assertThat(FileNames.sanitise("invoice\u202Efdp.exe")).as("no right-to-left override").isEqualTo("invoicefdp.exe");
        assertThat(FileNames.sanitise("Résumé \uD83D\uDE00 \"final\".pdf")).isEqualTo("Résumé \uD83D\uDE00 \"final\".pdf");
    }

    @Test
    void nothingLeftIsAFileCalledFile() {
        assertThat(FileNames.sanitise(null)).isEqualTo("file");
        assertThat(FileNames.sanitise("")).isEqualTo("file");
        assertThat(FileNames.sanitise("dir/")).isEqualTo("file");
        assertThat(FileNames.sanitise("..")).isEqualTo("file");
        assertThat(FileNames.sanitise("\u0007\u200B")).isEqualTo("file");
    }

    @Test
    void aLongNameIsCutToTheColumnWithoutSplittingACharacter() {
        assertThat(FileNames.sanitise("a".repeat(300))).hasSize(255);
        String emoji = "\uD83D\uDE00";
        assertThat(FileNames.sanitise("a".repeat(254) + emoji)).isEqualTo("a".repeat(254));
    }
}
