// Starts Swagger UI on the API's documentation page (templates/swagger_ui.html),
// from a file: the page's Content-Security-Policy runs no inline script.
const container = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: container.dataset.specUrl,
  domNode: container,
  ...JSON.parse(container.dataset.config),
});
