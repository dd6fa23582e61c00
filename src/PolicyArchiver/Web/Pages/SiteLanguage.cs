using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// Which language a page's interface is in: <c>?lang=</c> first (a shared link keeps its language),
/// then the cookie the header's switcher sets through <c>/language</c>, then Accept-Language, else English.
/// </summary>
/// <remarks>
/// Only the UI culture follows the reader: the culture that formats numbers and instants stays
/// invariant, so every page, attribute and machine-readable value is written the same way in
/// every language (ISO dates, "1.5 KB"), and only words change.
/// </remarks>
internal static class SiteLanguage
{
    /// <summary>The state language first, as in the switcher.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")];

    public const string Default = "en";

    /// <summary>The query parameter that chooses a page's language, <c>?lang=kk</c>.</summary>
    public const string QueryKey = "lang";

    /// <summary>What HTML pages vary by: their words follow these request headers.</summary>
    public const string Vary = "Accept-Language, Cookie";

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(Default)),
            SupportedCultures = [CultureInfo.InvariantCulture],
            SupportedUICultures = Languages.Select(l => CultureInfo.GetCultureInfo(l.Code)).ToList(),
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary><c>/language?set=kk&amp;return=/changes</c>: remembers the choice in the standard culture cookie and goes back.</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/language", (HttpContext http, string? set, string? @return) =>
    {
        if (!Languages.Any(l => l.Code == set))
            return Layout.BadRequest($"set=\"{set}\": one of {string.Join(", ", Languages.Select(l => l.Code))}");
        var back = string.IsNullOrEmpty(@return) ? "/" : @return;
        if (!IsLocal(back)) return Layout.BadRequest($"return=\"{@return}\": a path on this site, starting with a single /");
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(set!)),
            new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true, Secure = http.Request.IsHttps });
        return Results.LocalRedirect(WithoutLanguage(back));
    });

    /// <summary>
    /// A path on this site, never another host: <c>//evil.example</c> and <c>/\evil.example</c> are
    /// read by browsers as other hosts, and control characters could split the Location header.
    /// </summary>
    public static bool IsLocal(string url) =>
        url.StartsWith('/') && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    /// <summary>A local address without its <c>lang</c> parameter, which would override the choice just made.</summary>
    public static string WithoutLanguage(string pathAndQuery)
    {
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (at < 0) return pathAndQuery;
        var query = QueryHelpers.ParseQuery(pathAndQuery[at..]).Where(p => !p.Key.Equals(QueryKey, StringComparison.OrdinalIgnoreCase));
        return pathAndQuery[..at] + QueryString.Create(query);
    }

    /// <summary>The header's switcher: three plain links, no script; the current language is marked.</summary>
    public static string Switcher(HttpRequest request)
    {
        var back = Html.U(WithoutLanguage(request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent()));
        var current = SiteText.Current.Code;
        var links = Languages.Select(l =>
            $"<a href=\"/language?set={l.Code}&amp;return={back}\" lang=\"{l.Code}\" hreflang=\"{l.Code}\"{(l.Code == current ? " aria-current=\"true\"" : "")}>{l.Name}</a>");
        return $"<nav class=\"languages\" aria-label=\"{Html.E(SiteText.Current.InterfaceLanguage)}\">{string.Join(" · ", links)}</nav>";
    }
}
