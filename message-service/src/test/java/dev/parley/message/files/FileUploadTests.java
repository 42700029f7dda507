package dev.parley.message.files;

import static dev.parley.message.files.MultipartBodies.file;
import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.message.IntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/files} and {@code GET /api/files/{id}} for the uploader, against PostgreSQL and the local
 * storage in target/test-files, with the test profile's limit of 100 KB.
 */
class FileUploadTests extends IntegrationTestSupport {

    private static final int LIMIT = 100 * 1024;

    private final UUID uploader = UUID.randomUUID();

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPngClaimingToBeHtmlIsStoredAsPngAndShownInline() throws Exception {
        byte[] png = MultipartBodies.png(2000);
        MockHttpServletResponse created = upload(uploader, file("cat.png", "text/html", png))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("cat.png"))
                .andExpect(jsonPath("$.contentType").value("image/png"))
                .andExpect(jsonPath("$.size").value(2000))
                .andExpect(jsonPath("$.createdAt").isString())
                .andReturn().getResponse();
        String id = json.readTree(created.getContentAsString()).get("id").asString();
        assertThat(created.getHeader("Location")).isEqualTo("/api/files/" + id);

        MockHttpServletResponse download = download(uploader, id).andExpect(status().isOk()).andReturn().getResponse();

        assertThat(download.getContentAsByteArray()).isEqualTo(png);
        assertThat(download.getContentType()).isEqualTo("image/png");
        assertThat(download.getHeader("Content-Length")).isEqualTo("2000");
        assertThat(download.getHeader("Content-Disposition")).startsWith("inline;").contains("filename*=UTF-8''cat.png");
        assertThat(download.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(download.getHeader("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        assertThat(download.getHeader("Cache-Control")).isEqualTo("private");
    }

    @ParameterizedTest(name = "{0} claiming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <!DOCTYPE html><html><body><script>alert(1)</script></body></html> | image/png  | text/html
            <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg> | image/png | image/svg+xml
            just some words, nothing more                                        | image/gif  | text/plain
            %PDF-1.4 then the rest of a document                                 | text/plain | application/pdf
            """)
    void theTypeIsSniffedFromTheBytesAndAnythingButARasterImageIsAnAttachment(String content, String claimed,
                                                                              String sniffed) throws Exception {
        String id = uploaded(uploader, file("upload.png", claimed, content.getBytes(StandardCharsets.UTF_8)));

        MockHttpServletResponse download = download(uploader, id).andExpect(status().isOk()).andReturn().getResponse();

        assertThat(download.getContentType()).startsWith(sniffed);
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(download.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(download.getHeader("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        assertThat(download.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    void bytesNothingRecognisesAreAnOctetStream() throws Exception {
        byte[] noise = {0, 1, 2, 3, 4, 5, (byte) 0xFE, (byte) 0xFF, 0, 0, 7};
        download(uploader, uploaded(uploader, file("data", "image/jpeg", noise)))
                .andExpect(header().string("Content-Type", "application/octet-stream"));
    }

    @Test
    void theNameIsTheLastSegmentOfWhatWasSentWithoutControlCharactersAndEncodedForTheDownload() throws Exception {
        String sent = "C:\\Users\\me\\R\u00e9sum\u00e9 \u202Efdp.exe";
        String id = uploaded(uploader, file(sent, null, "résumé".getBytes(StandardCharsets.UTF_8)));

        MockHttpServletResponse download = download(uploader, id).andReturn().getResponse();

        assertThat(download.getHeader("Content-Disposition"))
                .contains("filename*=UTF-8''R%C3%A9sum%C3%A9%20fdp.exe");
    }

    @Test
    void aFileOfExactlyTheLimitIsTakenAndOneByteMoreIsRefusedWithNothingLeftBehind() throws Exception {
        upload(uploader, file("limit.bin", null, new byte[LIMIT])).andExpect(status().isCreated());
        long storedBefore = TestStorage.storedObjects();

        upload(uploader, file("over.bin", null, new byte[LIMIT + 1]))
                .andExpect(problem(413, "file_too_large"));
        // a declared length past the limit and its envelope is refused before a part is read
        upload(uploader, file("far-over.bin", null, new byte[3 * LIMIT]))
                .andExpect(problem(413, "file_too_large"));

        assertThat(namesOf(uploader)).containsExactly("limit.bin");
        assertThat(TestStorage.storedObjects()).isEqualTo(storedBefore);
        assertThat(TestStorage.partialWrites()).isZero();
    }

    @Test
    void exactlyOneNonEmptyPartNamedFileIsRequired() throws Exception {
        expectInvalidFile(upload(uploader, new MultipartBodies.Part("attachment", "a.txt", null, new byte[] {'a'})));
        expectInvalidFile(upload(uploader, file("one.txt", null, new byte[] {'1'}), file("two.txt", null, new byte[] {'2'})));
        expectInvalidFile(upload(uploader, file("empty.txt", "text/plain", new byte[0])));
        expectInvalidFile(mvc.perform(post("/api/files").header("Authorization", bearer(uploader))
                .contentType(MultipartBodies.CONTENT_TYPE).content("--" + MultipartBodies.BOUNDARY + "\r\nnot a part")));

        assertThat(namesOf(uploader)).isEmpty();
        assertThat(TestStorage.partialWrites()).isZero();
    }

    @Test
    void otherFieldsBesideTheFileAreIgnored() throws Exception {
        upload(uploader, new MultipartBodies.Part("comment", null, null, "hello".getBytes(StandardCharsets.UTF_8)),
                file("notes.txt", null, "notes".getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("notes.txt"));
    }

    @Test
    void anUploadIsMultipartFromAnAuthenticatedUser() throws Exception {
        mvc.perform(post("/api/files").header("Authorization", bearer(uploader))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"file\":\"x\"}"))
                .andExpect(problem(415, "unsupported_media_type"));
        mvc.perform(post("/api/files").contentType(MultipartBodies.CONTENT_TYPE)
                        .content(MultipartBodies.of(file("a.txt", null, new byte[] {'a'}))))
                .andExpect(problem(401, "unauthorized"));
    }

    @Test
    void anUnattachedFileIsTheUploadersAloneAndAnyOtherIdIsNotFound() throws Exception {
        String id = uploaded(uploader, file("mine.txt", null, "mine".getBytes(StandardCharsets.UTF_8)));

        for (String other : new String[] {id, UUID.randomUUID().toString(), "not-an-id", "1"}) {
            download(UUID.randomUUID(), other)
                    .andExpect(problem(404, "file_not_found"));
        }
        mvc.perform(get("/api/files/{id}", id)).andExpect(problem(401, "unauthorized"));
    }

    private ResultActions upload(UUID caller, MultipartBodies.Part... parts) throws Exception {
        return mvc.perform(post("/api/files").header("Authorization", bearer(caller))
                .contentType(MultipartBodies.CONTENT_TYPE).content(MultipartBodies.of(parts)));
    }

    private String uploaded(UUID caller, MultipartBodies.Part part) throws Exception {
        JsonNode file = json.readTree(upload(caller, part).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
        return file.get("id").asString();
    }

    private ResultActions download(UUID caller, String id) throws Exception {
        return mvc.perform(get("/api/files/{id}", id).header("Authorization", bearer(caller)));
    }

    private static void expectInvalidFile(ResultActions answer) throws Exception {
        answer.andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("file"));
    }

    private java.util.List<String> namesOf(UUID caller) {
        return jdbc.sql("select name from files where uploader_id = :uploader order by created_at")
                .param("uploader", caller).query(String.class).list();
    }


}
