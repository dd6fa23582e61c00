using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PolicyArchiver.Extraction;
using PolicyArchiver.Replay;
using PolicyArchiver.Web.Memento;

namespace PolicyArchiver.Web.Replay;

/// <summary>
/// <c>/replay/{yyyyMMddHHmmss}/{original URL}</c>: the archived response of that URL nearest to the
/// datetime, from the archive alone, rewritten so that what it loads is replayed too (pywb's URL
/// rewriting). It never asks the live web for anything: a URL the archive does not hold is a 404.
/// </summary>
internal static class ReplayEndpoints
{
    /// <summary>Fetch destinations of a page shown as a page (a navigation, a frame); a script's fetch ("empty") gets the bytes as archived.</summary>
    private static readonly HashSet<string> Pages = new(StringComparer.OrdinalIgnoreCase) { "document", "iframe", "frame", "embed", "object" };

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(ReplayUrls.Prefix + "{**original}", (HttpContext http, ArchiveReader reader) => ReplayAsync(http, reader));

    private static async Task<IResult> ReplayAsync(HttpContext http, ArchiveReader reader)
    {
        var rest = OriginalUrl.After(http, ReplayUrls.Prefix) ?? "";
        var slash = rest.IndexOf('/');
        var datetime = slash < 0 ? rest : rest[..slash];
        if (!MementoDatetime.TryParseFourteen(datetime, out var at))
            return Plain(StatusCodes.Status400BadRequest, $"\"{datetime}\" in the path is not a datetime of 14 digits, yyyyMMddHHmmss in UTC (e.g. /replay/20250520100000/https://example.kz/privacy).");
        if (OriginalUrl.Parse(slash < 0 ? "" : rest[(slash + 1)..], out var error) is not { } original)
            return Plain(StatusCodes.Status400BadRequest, error!.Replace("/memento/timegate/", $"/replay/{datetime}/", StringComparison.Ordinal));

        var archived = await new ArchivedResponses(reader.Archive).NearestAsync(original, at, http.RequestAborted);
        if (archived is null) return Plain(StatusCodes.Status404NotFound, $"{original.AbsoluteUri} is not in the archive. Replay shows only what was captured; it never fetches from the web.");

        // The address the response was captured at: relative addresses in it resolve against that one.
        var captured = Uri.TryCreate(archived.Record.TargetUri, UriKind.Absolute, out var target) ? target : original;
        ReplayHeaders.Apply(http, archived, captured);
        var urls = new ReplayUrls(at, captured);
        if (archived.Header("Location") is { } location) http.Response.Headers.Location = urls.Rewrite(location);
        if (archived.Header("Refresh") is { } refresh) http.Response.Headers["Refresh"] = HtmlRewriter.RewriteRefresh(refresh, urls);
        return new ReplayResult(archived.Status, Body(http, archived, captured, at, urls));
    }

    /// <summary>HTML shown as a page and CSS get their addresses rewritten (and become UTF-8); everything else is the archived bytes.</summary>
    private static byte[] Body(HttpContext http, ArchivedResponse archived, Uri captured, DateTimeOffset at, ReplayUrls urls)
    {
        var type = archived.ContentType ?? "";
        var dest = http.Request.Headers["Sec-Fetch-Dest"].ToString();
        if (type.Contains("text/html", StringComparison.OrdinalIgnoreCase) && (dest.Length == 0 || Pages.Contains(dest)))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            return Encoding.UTF8.GetBytes(HtmlRewriter.Rewrite(Charset.Decode(archived.Body, type), captured, at));
        }
        if (type.Contains("text/css", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.ContentType = "text/css; charset=utf-8";
            return Encoding.UTF8.GetBytes(CssRewriter.Rewrite(Charset.Decode(archived.Body, type), urls));
        }
        if (type.Length > 0) http.Response.ContentType = type;
        return archived.Body;
    }

    /// <summary>A short plain page in the same sandbox as a replay (it is what a replayed page gets for what the archive lacks).</summary>
    private static IResult Plain(int status, string message) => new PlainResult(status, message);

    private sealed class PlainResult(int status, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.Headers.ContentSecurityPolicy = ReplayHeaders.Policy(ReplayHeaders.ServerOrigin(http));
            http.Response.Headers.AccessControlAllowOrigin = "*";
            var html = $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status}</title></head>\n<body><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>\n";
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(http);
        }
    }

    private sealed class ReplayResult(int status, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified) return; // no body, whatever was archived
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}
