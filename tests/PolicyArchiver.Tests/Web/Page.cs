using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PolicyArchiver.Web;

namespace PolicyArchiver.Tests.Web;

/// <summary>A page fetched from the running site and parsed, so tests read it as a browser's DOM, not as a string.</summary>
internal static class Page
{
    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response, document);
    }

    public static async Task<IDocument> OkAsync(HttpClient http, string path)
    {
        var (response, document) = await GetAsync(http, path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        return document;
    }
}
