using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// The original URL (URI-R) appended as is to a Memento address, the way the Wayback Machine takes
/// it: <c>/memento/timegate/http://example.kz/privacy?lang=ru</c>. It is read from the raw request
/// target, because routing decodes the path and drops the query, and both belong to the original.
/// </summary>
internal static partial class OriginalUrl
{
    /// <summary>A proxy that merges slashes turns <c>http://host</c> into <c>http:/host</c>; both are taken.</summary>
    [GeneratedRegex("^(https?):/+", RegexOptions.IgnoreCase)]
    private static partial Regex SchemeSlashes();

    /// <summary>Clients that percent-encode the whole original URL send <c>http%3A%2F%2F…</c>.</summary>
    [GeneratedRegex("^https?%3A", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedScheme();

    /// <summary>What follows <paramref name="prefix"/> in the raw request target, or null if the target does not start with it.</summary>
    public static string? After(HttpContext http, string prefix)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
            raw = http.Request.PathBase.ToUriComponent() + http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        return raw.StartsWith(prefix, StringComparison.Ordinal) ? raw[prefix.Length..] : null;
    }

    /// <summary>
    /// The original as an absolute http or https URL without fragment, or null with the reason.
    /// Nothing here touches the file system: an original only ever becomes a catalog lookup.
    /// </summary>
    public static Uri? Parse(string value, out string? error)
    {
        error = null;
        if (EncodedScheme().IsMatch(value)) value = Uri.UnescapeDataString(value);
        value = SchemeSlashes().Replace(value, m => m.Groups[1].Value.ToLowerInvariant() + "://", 1);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            error = "the original URL must be an absolute http or https URL, e.g. /memento/timegate/https://example.kz/privacy";
            return null;
        }
        var builder = new UriBuilder(uri) { Fragment = "" };
        if (uri.Host != uri.IdnHost) builder.Host = uri.IdnHost; // header values are ASCII
        return builder.Uri;
    }
}
