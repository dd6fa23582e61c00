// The policy text is not in the HTML: it comes from the site's API, as on single-page sites.
(function () {
  var target = document.getElementById("policy");
  var xhr = new XMLHttpRequest();
  xhr.open("GET", "/api/policy.json");
  xhr.onload = function () {
    var policy = JSON.parse(xhr.responseText);
    target.textContent = "";
    var title = document.createElement("h1");
    title.textContent = policy.title;
    target.appendChild(title);
    policy.paragraphs.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      target.appendChild(p);
    });
  };
  xhr.send();
})();
