package dev.parley.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API reads and writes JSON only (contract §2), and says so before anything else reads a request:
 * <ul>
 *   <li>a body sent as anything but JSON is 415 {@code unsupported_media_type} — otherwise a
 *   {@code Content-Type: *&#47;*} made Spring throw, and a form type made the container parse the body as
 *   parameters (failing on invalid UTF-8), both answered 500;</li>
 *   <li>{@code Accept} is not negotiated: answers are JSON, and errors problem+json, whatever a client
 *   accepts — otherwise {@code Accept: image/png} turned every error into a bare 406.</li>
 * </ul>
 * An upload path ({@link ParleyWebProperties#uploadPaths()}) takes a {@code POST} of {@code multipart/form-data}
 * and nothing else; the service reads that body itself, as it streams.
 */
public class JsonRequests extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ProblemResponses problems;
    private final Set<String> uploadPaths;

    public JsonRequests(ProblemResponses problems, List<String> uploadPaths) {
        this.problems = problems;
        this.uploadPaths = Set.copyOf(uploadPaths);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (isUpload(request)) {
            if (!isMultipartFormData(contentType)) {
                problems.write(response, ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        ApiException.UNSUPPORTED_MEDIA_TYPE, "Send multipart/form-data."));
                return;
            }
        } else if (WITH_BODY.contains(request.getMethod()) && contentType != null && !isJson(contentType)) {
            problems.write(response, ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ApiException.UNSUPPORTED_MEDIA_TYPE, "Send application/json."));
            return;
        }
        chain.doFilter(new AcceptingJson(request), response);
    }

    private boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && uploadPaths.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    static boolean isMultipartFormData(String contentType) {
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            return type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)
                    && type.getParameter("boundary") != null;
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException too
            return false;
        }
    }

    static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype()
                    && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"))
                    && (type.getCharset() == null || type.getCharset().name().equals("UTF-8"));
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException too
            return false;
        }
    }

    /** The request without its {@code Accept} header, which the API does not negotiate on. */
    private static final class AcceptingJson extends HttpServletRequestWrapper {

        AcceptingJson(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name)).toList());
        }
    }
}
