using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The interface's language: chosen by <c>?lang=</c>, then the switcher's cookie, then
/// Accept-Language, else English; the archived documents' text stays as captured.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class LanguageTests(WebArchiveFixture web)
{
    private const string Cookie = ".AspNetCore.Culture";

    private async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string path, string? acceptLanguage = null, string? cookie = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (cookie is not null) request.Headers.Add("Cookie", $"{Cookie}={Uri.EscapeDataString($"c={cookie}|uic={cookie}")}");
        var response = await web.Http.SendAsync(request);
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static string[] Navigation(IDocument page) => page.QuerySelectorAll("header > nav:not(.languages) a").Select(a => a.TextContent).ToArray();

    [Theory]
    [InlineData("kk", "kk", "Компаниялар", "Өзгерістер", "Іздеу", "Тақырыптар", "Қамту", "Экспорт")]
    [InlineData("kk-KZ,ru;q=0.8", "kk", "Компаниялар", "Өзгерістер", "Іздеу", "Тақырыптар", "Қамту", "Экспорт")]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.8", "ru", "Компании", "Изменения", "Поиск", "Темы", "Покрытие", "Экспорт")]
    [InlineData("en-US,en;q=0.9", "en", "Companies", "Changes", "Search", "Topics", "Coverage", "Export")]
    [InlineData("de-DE,fr;q=0.8", "en", "Companies", "Changes", "Search", "Topics", "Coverage", "Export")]
    [InlineData(null, "en", "Companies", "Changes", "Search", "Topics", "Coverage", "Export")]
    public async Task Accept_Language_chooses_the_interface_language_English_when_none_fits(string? acceptLanguage, string lang, params string[] navigation)
    {
        var (response, page) = await GetAsync("/changes", acceptLanguage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(lang, response.Content.Headers.ContentLanguage.Single());
        Assert.Equal(navigation, Navigation(page)[..6]);
    }

    [Fact]
    public async Task The_cookie_overrides_Accept_Language_and_lang_overrides_both()
    {
        var (_, cookieOnly) = await GetAsync("/", "ru-RU,ru;q=0.9", cookie: "kk");
        Assert.Equal("kk", cookieOnly.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Компаниялар", cookieOnly.QuerySelector("h1")!.TextContent);

        var (_, shared) = await GetAsync("/?lang=ru", "kk", cookie: "en");
        Assert.Equal("ru", shared.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Компании", shared.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_switcher_sets_the_cookie_and_returns_to_the_page_without_its_lang_parameter()
    {
        var (_, page) = await GetAsync("/changes?company=testbank&lang=ru");
        var switcher = page.QuerySelectorAll("header nav.languages a").ToList();
        Assert.Equal(["Қазақша", "Русский", "English"], switcher.Select(a => a.TextContent));
        Assert.Equal("true", switcher[1].GetAttribute("aria-current"));
        var kazakh = switcher[0].GetAttribute("href")!;
        Assert.Equal("/language?set=kk&return=%2Fchanges%3Fcompany%3Dtestbank", kazakh);

        var (response, _) = await GetAsync(kazakh);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/changes?company=testbank", response.Headers.Location!.OriginalString);
        var set = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith($"{Cookie}=c%3Dkk%7Cuic%3Dkk;", set);
        Assert.Contains("path=/", set);
        Assert.Contains("httponly", set);

        // The browser sends the cookie back: Kazakh, whatever it accepts.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/changes?company=testbank");
        request.Headers.Add("Cookie", set.Split(';')[0]);
        request.Headers.TryAddWithoutValidation("Accept-Language", "en-US");
        var next = new HtmlParser().ParseDocument(await (await web.Http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal("kk", next.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Өзгерістер", next.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/changes")]
    [InlineData("/\\evil.example/changes")]
    [InlineData("http:/evil.example")]
    [InlineData("changes")]
    [InlineData("/changes\r\nSet-Cookie: x=1")]
    public async Task The_switcher_never_redirects_off_the_site(string back)
    {
        var (response, page) = await GetAsync($"/language?set=kk&return={Uri.EscapeDataString(back)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("return=", page.QuerySelector("main p")!.TextContent);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    public async Task The_switcher_names_the_parameter_of_an_unknown_language(string language)
    {
        var (response, page) = await GetAsync($"/language?set={language}&return=/");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("set=", page.QuerySelector("main p")!.TextContent);
        Assert.Contains("kk, ru, en", page.QuerySelector("main p")!.TextContent);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/companies/testbank/privacy-policy-ru")]
    [InlineData("/no/such/page")]
    public async Task Pages_vary_by_language_and_HEAD_answers_them_too(string path)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            var (response, _) = await GetAsync(path, "kk", method: method);
            Assert.Contains("Accept-Language", response.Headers.Vary);
            Assert.Contains("Cookie", response.Headers.Vary);
            Assert.Equal("kk", response.Content.Headers.ContentLanguage.Single());
            Assert.Equal(path == "/no/such/page" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Documents_keep_their_own_text_and_language_in_a_Kazakh_page()
    {
        var (_, en) = await GetAsync("/companies/testbank/privacy-policy-ru/versions/1", "en");
        var (_, kk) = await GetAsync("/companies/testbank/privacy-policy-ru/versions/1", "kk");
        Assert.Equal("ru", kk.QuerySelector("article.policy")!.GetAttribute("lang"));
        Assert.Equal(en.QuerySelector("article.policy")!.InnerHtml, kk.QuerySelector("article.policy")!.InnerHtml);
        // Instants keep their machine-readable form; only the city's name is in the page's language.
        var time = kk.QuerySelector("main time")!;
        Assert.Equal(en.QuerySelector("main time")!.GetAttribute("datetime"), time.GetAttribute("datetime"));
        Assert.Contains(" Алматы", time.TextContent);
    }

    [Fact]
    public async Task Feeds_are_the_same_for_every_reader_whatever_language_they_ask_for()
    {
        var (english, _) = await GetAsync("/feed.atom", "en");
        var (kazakh, _) = await GetAsync("/feed.atom", "kk", cookie: "kk");
        Assert.Equal(english.Headers.ETag, kazakh.Headers.ETag);
        Assert.Equal(await english.Content.ReadAsStringAsync(), await kazakh.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Accept-Language", kazakh.Headers.Vary);
    }
}
