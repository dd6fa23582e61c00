using System.Text;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Web.Pages;

/// <summary>The frame around every page: plain HTML that works without JavaScript.</summary>
internal static class Layout
{
    public sealed record Crumb(string Href, string Label);

    public static IResult Page(string title, string body, IReadOnlyList<Crumb>? crumbs = null, string? feed = null, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Html.E(title)).Append(" · PolicyArchiver</title>\n");
        html.Append("<link rel=\"stylesheet\" href=\"/site.css\">\n");
        html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"All changes\" href=\"/feed.atom\">\n");
        if (feed is not null) html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes of ").Append(Html.E(title)).Append("\" href=\"").Append(Html.E(feed)).Append("\">\n");
        html.Append("</head>\n<body>\n<header><a class=\"brand\" href=\"/\">PolicyArchiver</a>");
        html.Append("<nav><a href=\"/\">Companies</a> <a href=\"/changes\">Changes</a> <a href=\"/search\">Search</a> <a href=\"/topics\">Topics</a> <a href=\"/coverage\">Coverage</a> <a href=\"/export\">Export</a> <a href=\"/feed.atom\">Atom feed</a></nav></header>\n");
        if (crumbs is { Count: > 0 })
        {
            html.Append("<nav class=\"crumbs\" aria-label=\"breadcrumbs\"><a href=\"/\">Companies</a>");
            foreach (var c in crumbs) html.Append(" › <a href=\"").Append(Html.E(c.Href)).Append("\">").Append(Html.E(c.Label)).Append("</a>");
            html.Append("</nav>\n");
        }
        html.Append("<main>\n").Append(body).Append("\n</main>\n");
        html.Append("<footer>Evidence-grade archive of policies. Raw captures are immutable; <a href=\"/api/\">JSON API</a> · <a href=\"/memento/timemap/\">Memento</a>.</footer>\n");
        html.Append("</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static Task<IResult> NotFoundAsync(HttpContext http, string message) =>
        Task.FromResult(Page("Not found", $"<h1>Not found</h1>\n<p>{Html.E(message)}</p>\n<p><a href=\"/\">All companies</a></p>", status: StatusCodes.Status404NotFound));

    public static IResult NotFound(string message) =>
        Page("Not found", $"<h1>Not found</h1>\n<p>{Html.E(message)}</p>\n<p><a href=\"/\">All companies</a></p>", status: StatusCodes.Status404NotFound);

    public static IResult NoDocument(string company, string document) => NotFound($"No document \"{company}/{document}\" in this archive.");

    public static IResult BadRequest(string message) =>
        Page("Bad request", $"<h1>Bad request</h1>\n<p>{Html.E(message)}</p>", status: StatusCodes.Status400BadRequest);
}
