using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>The frame around every page: plain HTML that works without JavaScript, its interface in the request's language.</summary>
internal static class Layout
{
    public sealed record Crumb(string Href, string Label);

    public static IResult Page(string title, string body, IReadOnlyList<Crumb>? crumbs = null, string? feed = null, int status = StatusCodes.Status200OK) =>
        new PageResult(title, body, crumbs, feed, status);

    public static Task<IResult> NotFoundAsync(HttpContext http, string message) => Task.FromResult(NotFound(message));

    public static IResult NotFound(string message)
    {
        var t = SiteText.Current;
        return Page(t.NotFound, $"<h1>{Html.E(t.NotFound)}</h1>\n<p>{Html.E(message)}</p>\n<p><a href=\"/\">{Html.E(t.AllCompanies)}</a></p>", status: StatusCodes.Status404NotFound);
    }

    public static IResult NoDocument(string company, string document) => NotFound(SiteText.F(SiteText.Current.NoDocument, $"{company}/{document}"));

    /// <summary>A request the site cannot answer, with why.</summary>
    /// <param name="message">What is wrong with which parameter, in English (the words the CLI and the API use for it), marked as such.</param>
    public static IResult BadRequest(string message)
    {
        var t = SiteText.Current;
        return Page(t.BadRequest, $"<h1>{Html.E(t.BadRequest)}</h1>\n<p lang=\"en\">{Html.E(message)}</p>", status: StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// The frame is written when the response is, with the request at hand: the switcher's links
    /// lead back to this very address, and the response says which language it is in and what it varies by.
    /// </summary>
    private sealed class PageResult(string title, string body, IReadOnlyList<Crumb>? crumbs, string? feed, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var t = SiteText.Current;
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.Code).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            html.Append("<title>").Append(Html.E(title)).Append(" · PolicyArchiver</title>\n");
            html.Append("<link rel=\"stylesheet\" href=\"/site.css\">\n");
            html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(Html.E(t.AllChanges)).Append("\" href=\"/feed.atom\">\n");
            if (feed is not null) html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(Html.E(SiteText.F(t.ChangesOf, title))).Append("\" href=\"").Append(Html.E(feed)).Append("\">\n");
            html.Append("</head>\n<body>\n<header><a class=\"brand\" href=\"/\">PolicyArchiver</a>");
            html.Append("<nav><a href=\"/\">").Append(Html.E(t.Companies)).Append("</a> <a href=\"/changes\">").Append(Html.E(t.Changes)).Append("</a> <a href=\"/search\">").Append(Html.E(t.Search)).Append("</a> <a href=\"/topics\">").Append(Html.E(t.Topics))
                .Append("</a> <a href=\"/coverage\">").Append(Html.E(t.Coverage)).Append("</a> <a href=\"/export\">").Append(Html.E(t.Export)).Append("</a> <a href=\"/feed.atom\">").Append(Html.E(t.AtomFeed)).Append("</a></nav>");
            html.Append(SiteLanguage.Switcher(http.Request)).Append("</header>\n");
            if (crumbs is { Count: > 0 })
            {
                html.Append("<nav class=\"crumbs\" aria-label=\"").Append(Html.E(t.Breadcrumbs)).Append("\"><a href=\"/\">").Append(Html.E(t.Companies)).Append("</a>");
                foreach (var c in crumbs) html.Append(" › <a href=\"").Append(Html.E(c.Href)).Append("\">").Append(Html.E(c.Label)).Append("</a>");
                html.Append("</nav>\n");
            }
            html.Append("<main>\n").Append(body).Append("\n</main>\n");
            html.Append("<footer>").Append(Html.E(t.Footer)).Append(" <a href=\"/api/\">JSON API</a> · <a href=\"/memento/timemap/\">Memento</a>.</footer>\n");
            html.Append("</body>\n</html>\n");
            http.Response.Headers.Append("Vary", SiteLanguage.Vary);
            http.Response.Headers.ContentLanguage = t.Code;
            return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(http);
        }
    }
}
