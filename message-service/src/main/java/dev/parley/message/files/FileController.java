package dev.parley.message.files;

import dev.parley.events.message.Attachment;
import dev.parley.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FileController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final FileUploads uploads;
    private final FileDownloads downloads;

    FileController(FileUploads uploads, FileDownloads downloads) {
        this.uploads = uploads;
        this.downloads = downloads;
    }

    @Operation(summary = "Uploads a file, attached to nothing until a message names it in attachments; its content "
            + "type is sniffed from its bytes", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schemaProperties = @SchemaProperty(name = FileUploads.FIELD,
                    schema = @Schema(type = "string", format = "binary")))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "File {id, name, contentType, size, createdAt}"),
                    @ApiResponse(responseCode = "400", description = "validation_failed (file: exactly one part named file, "
                            + "not empty)", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "413", description = "file_too_large (over 25 MiB by default)",
                            content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "429", description = "rate_limited: over the uploader's quota (by "
                            + "default 100 uploads an hour, 200 MB not attached to a message), with Retry-After",
                            headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = "integer")),
                            content = @Content(mediaType = PROBLEM))})
    @PostMapping(path = "/api/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Attachment> upload(HttpServletRequest request, @CurrentUser UUID caller) {
        Attachment file = uploads.upload(caller, new UploadForm(request));
        return ResponseEntity.created(URI.create("/api/files/" + file.id())).body(file);
    }


    @Operation(summary = "The bytes of a file, to its uploader and to anyone who can read the room of the message it "
            + "is attached to", responses = {
                    @ApiResponse(responseCode = "200", description = "the bytes, with the stored content type",
                            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                                    schema = @Schema(type = "string", format = "binary"))),
                    @ApiResponse(responseCode = "404", description = "file_not_found (also: not the caller's to read, "
                            + "or not an id)", content = @Content(mediaType = PROBLEM))})
    @GetMapping("/api/files/{id}")
    void download(@PathVariable String id, @CurrentUser UUID caller, HttpServletResponse response)
            throws IOException {
        FileDownloads.Download download = downloads.open(caller, id);
        try (InputStream content = download.content()) {
            FileResponses.describe(download.file(), response);
            content.transferTo(response.getOutputStream());
        }
    }
}
