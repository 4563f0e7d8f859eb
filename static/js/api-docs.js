// The API reference's "Try it in Swagger UI": Swagger UI's stylesheet, then its two bundles and drf-spectacular's
// start script, in that order (each needs the one before), only when asked for. The plain list stays the page
// until Swagger UI has drawn.
(() => {
  const button = document.getElementById("open-swagger");
  if (!button) return;
  const load = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.body.append(script);
    });
  const open = async () => {
    button.disabled = true;
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = button.dataset.css;
    document.head.append(css);
    for (const src of button.dataset.scripts.split(" ")) await load(src);
    document.getElementById("reference").hidden = true;
    document.getElementById("swagger-ui").focus();
  };
  button.addEventListener("click", open);
})();
