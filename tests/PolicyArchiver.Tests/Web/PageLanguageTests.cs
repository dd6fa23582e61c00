using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web.Localization;
using PolicyArchiver.Web;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// Every page of the site rendered in Kazakh and in Russian shows no English interface text: each
/// text of the page is read beside the same text of the English rendering, and one left as it was
/// must not carry a word of the English interface that the archive's own data does not contain.
/// A string written into a page instead of the string tables fails here.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public partial class PageLanguageTests(WebArchiveFixture web)
{
    /// <summary>Names and terms every language writes the same way.</summary>
    private static readonly HashSet<string> International =
        ["json", "api", "atom", "memento", "utc", "http", "url", "csv", "zip", "wacz", "warc", "dom", "ocr", "sha", "pywb", "cdxj", "iso", "rfc", "english", "policyarchiver", "replayweb", "page", "z"];

    public static TheoryData<string> Languages => new() { "kk", "ru" };

    private async Task<IReadOnlyList<string>> PathsAsync()
    {
        const string key = "testbank/privacy-policy-ru";
        var version = await web.Temp.Archive.Catalog.GetVersionAsync(key, 1);
        return
        [
            "/", "/changes", "/changes?includeTechnical=true", "/changes?topic=no-such-topic", "/changes?page=99", "/topics", "/coverage", "/export", "/export?from=2020-02-30",
            "/checkpoints", "/memento/timemap/", "/companies/testbank", "/companies/nobody", "/companies/testbank/transparency-report-en",
            $"/companies/{key}", $"/companies/{key}/versions/1", $"/companies/{key}/versions/2", $"/companies/{key}/changes/1", $"/companies/{key}/changes/9",
            $"/companies/{key}/snapshots/{version!.ObservationId}", $"/companies/{key}/at?t=1990-01-01", $"/companies/{key}/at?t=yesterday",
            $"/companies/{key}/evidence?at=1990-01-01", "/export?from=2026-01-01&to=2026-01-02&only=nobody", "/memento/2020010100000/https://nowhere.example/",
            "/memento/timemap/https://nowhere.example/", "/companies/nobody/feed.atom", "/no/such/page",
            "/search", "/search?q=хранения", "/search?q=no-such-word-anywhere", "/search?q=срок&page=99",
        ];
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_shows_its_interface_in_the_language_asked_for(string code)
    {
        var english = EnglishVocabulary();
        english.ExceptWith(await DataWordsAsync());
        var untranslated = new List<string>();
        foreach (var path in await PathsAsync())
        {
            var en = Texts(await GetAsync(path, "en"));
            var local = Texts(await GetAsync(path, code));
            Assert.True(en.Count == local.Count, $"{path}: {en.Count} texts in English, {local.Count} in {code}: the pages differ in more than words");
            untranslated.AddRange(en.Zip(local).Where(p => p.First.Length > 0 && p.First == p.Second && Words(p.First).Any(english.Contains)).Select(p => $"{path}: «{p.First}»"));
        }
        Assert.True(untranslated.Count == 0, $"English left in the {code} pages:\n{string.Join("\n", untranslated.Distinct())}");
    }

    private async Task<IDocument> GetAsync(string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await web.Http.SendAsync(request);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        return page;
    }

    /// <summary>
    /// Each element's own text (word order differs between languages, the elements do not) and the
    /// attributes people read (title, alt, aria-label), in document order, without what is not
    /// interface: text in another language marked with its <c>lang</c> (a document's own text), and code.
    /// </summary>
    private static List<string> Texts(IDocument page)
    {
        var texts = new List<string> { page.Title ?? "" };
        foreach (var element in page.Body!.GetDescendants().OfType<IElement>().Where(e => !Skipped(e)))
        {
            texts.Add(string.Join(" ", element.ChildNodes.OfType<IText>().Select(t => t.Text.Trim()).Where(t => t.Length > 0)));
            texts.AddRange(new[] { "title", "alt", "aria-label" }.Select(name => element.GetAttribute(name)?.Trim() ?? ""));
        }
        return texts;
    }

    private static bool Skipped(IElement element) =>
        element.Closest("code, pre, [lang]:not(html):not(nav.languages a)") is not null;

    private static IEnumerable<string> Words(string text) => text.Split((char[])[' ', '\n', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)
        .Select(w => w.Trim('.', ',', ':', ';', '(', ')', '«', '»', '"', '\'', '—', '·', '←', '→', '›').ToLowerInvariant()).Where(w => w.Length > 0);

    /// <summary>The words of the English interface, from its string table.</summary>
    private static HashSet<string> EnglishVocabulary()
    {
        var texts = typeof(SiteText).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)).Select(p => (string)p.GetValue(SiteText.En)!);
        var words = texts.SelectMany(Words).Where(w => AsciiWord().IsMatch(w)).ToHashSet();
        words.ExceptWith(International);
        return words;
    }

    /// <summary>Words of the archive itself, shown as they are in every language: names, sectors, types, what a failed capture met.</summary>
    private async Task<HashSet<string>> DataWordsAsync()
    {
        var words = Words(await File.ReadAllTextAsync(web.Temp.TargetsFile)).ToHashSet();
        foreach (var document in web.Temp.Targets.Documents)
        {
            foreach (var o in await web.Temp.Archive.Catalog.GetObservationsAsync(document.Key)) words.UnionWith(Words(o.Detail ?? ""));
            foreach (var v in await web.Temp.Archive.Catalog.GetVersionsAsync(document.Key))
            {
                words.UnionWith(Words(v.Extractor));
                words.UnionWith((await web.Temp.Archive.Catalog.GetSnapshotAsync(v.ObservationId))!.Headers.Keys.Select(h => h.ToLowerInvariant()));
            }
        }
        return words;
    }

    [GeneratedRegex("^[a-z]+$")]
    private static partial Regex AsciiWord();
}
