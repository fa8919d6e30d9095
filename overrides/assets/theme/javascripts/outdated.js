// Material for MkDocs 9.8 partials/javascripts/outdated.html, as a file; the base comes from the script element.
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.mdBase,location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
