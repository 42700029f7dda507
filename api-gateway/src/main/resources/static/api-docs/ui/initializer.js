// Swagger UI over the edge's merged document (no inline script: the edge's Content-Security-Policy forbids it).
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/api-docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
  });
});
