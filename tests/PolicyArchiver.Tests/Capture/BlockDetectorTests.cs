using PolicyArchiver.Capture;
using PolicyArchiver.Extraction;
using PolicyArchiver.Targets;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Capture;

/// <summary>What a page is — the document, or a wall standing in its way — judged on the text the document's rules extract.</summary>
public class BlockDetectorTests
{
    private static readonly Uri Url = new("https://bank.kz/privacy");
    private static readonly Dictionary<string, string> NoHeaders = new();

    private static string Site(string name) => File.ReadAllText(Path.Combine(FixtureSite.Root, "v1", name));
    private static string Blocked(string name) => File.ReadAllText(Path.Combine(FixtureSite.BlockedRoot, name));

    /// <summary>As the archivist judges a capture: the text comes from the rendered DOM when there is one, else from the HTML as served.</summary>
    private static BlockVerdict Judge(string html, string language, IReadOnlyList<string>? select = null, string? dom = null,
        IReadOnlyDictionary<string, string>? headers = null, Uri? final = null)
    {
        var document = new Document("bank", "privacy", "privacy-policy", language, Url, null, select ?? [], [], null);
        var text = HtmlExtractor.Extract(dom ?? html, document.Rules, Url);
        return BlockDetector.Judge(document, new PageContent(headers ?? NoHeaders, html, dom, text, Url, final ?? Url));
    }

    [Fact]
    public void Cloudflare_challenge_is_blocked_and_named()
    {
        var verdict = Judge(Site("challenge.html"), "en");
        Assert.True(verdict.Walled);
        Assert.StartsWith("Cloudflare challenge (window._cf_chl_opt) on a page with ", verdict.Detail);
    }

    [Fact]
    public void Cloudflare_mitigation_header_is_blocked() =>
        Assert.StartsWith("Cloudflare challenge (cf-mitigated header)",
            Judge("<html><body></body></html>", "ru", headers: new Dictionary<string, string> { ["cf-mitigated"] = "challenge" }).Reason);

    [Fact]
    public void Yandex_captcha_is_blocked() =>
        Assert.StartsWith("Yandex captcha (", Judge(Site("captcha.html"), "ru").Reason);

    [Fact]
    public void Redirect_to_a_login_page_is_a_login_wall() =>
        Assert.StartsWith("login wall (redirected to https://bank.kz/auth/login?next=/privacy)",
            Judge("<html><body><main>Войти в личный кабинет</main></body></html>", "ru", final: new Uri("https://bank.kz/auth/login?next=/privacy")).Reason);

    [Fact]
    public void A_long_policy_with_a_recaptcha_contact_form_is_the_document_and_says_what_it_carries()
    {
        var verdict = Judge(Site("privacy-ru.html") + "<div class=\"g-recaptcha\"></div>", "ru");
        Assert.False(verdict.Blocked);
        Assert.Equal("page carries: reCAPTCHA (class=\"g-recaptcha\")", verdict.Detail);
    }

    [Fact]
    public void An_ordinary_policy_page_is_the_document_with_nothing_to_say()
    {
        foreach (var (page, language) in new[] { ("privacy-ru.html", "ru"), ("privacy-kk.html", "kk"), ("terms-cp1251.html", "ru") })
        {
            var verdict = Judge(Site(page), language);
            Assert.False(verdict.Blocked, page);
            Assert.Null(verdict.Detail);
        }
    }

    [Theory]
    [InlineData("privacy-cloudflare-ru.html", "ru")]
    [InlineData("privacy-cloudflare-kk.html", "kk")]
    [InlineData("terms-cloudflare-en.html", "en")]
    public void A_policy_behind_cloudflare_passive_bot_detection_is_the_document(string page, string language)
    {
        var verdict = Judge(Blocked(page), language);
        Assert.False(verdict.Blocked, verdict.Reason);
        Assert.StartsWith("page carries: Cloudflare bot-detection script (/cdn-cgi/challenge-platform/)", verdict.Detail);
    }

    [Fact]
    public void A_short_but_complete_text_with_a_recaptcha_badge_is_the_document()
    {
        var verdict = Judge(Blocked("consent-recaptcha-kk.html"), "kk");
        Assert.False(verdict.Blocked, verdict.Reason);
        Assert.Equal("page carries: reCAPTCHA (grecaptcha-badge)", verdict.Detail);
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("en")]
    public void A_page_titled_access_denied_is_blocked(string language) =>
        Assert.StartsWith("wall page (titled «Access Denied») on a page with ", Judge(Blocked("access-denied-en.html"), language).Reason);

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public void A_block_page_with_a_paragraph_of_explanation_is_blocked(string language)
    {
        var verdict = Judge(Blocked("request-blocked-en.html"), language);
        Assert.True(verdict.Walled);
        Assert.StartsWith("wall page (titled «Access denied») on a page with ", verdict.Reason);
    }

    [Fact]
    public void A_widget_on_a_short_text_in_another_language_than_the_document_is_blocked()
    {
        // The consent text is Kazakh: declared Russian, the badge beside it is all the page is known to be.
        var verdict = Judge(Blocked("consent-recaptcha-kk.html"), "ru");
        Assert.True(verdict.Walled);
        Assert.EndsWith("in kk (100%) where ru is expected", verdict.Reason);
    }

    [Fact]
    public void A_challenge_whose_page_then_rendered_the_whole_policy_is_the_document_only_in_its_language()
    {
        // A script challenge that passed in the browser: the HTML served is the challenge, the DOM is the policy.
        var passed = Judge(Site("challenge.html"), "ru", dom: Site("privacy-ru.html"));
        Assert.False(passed.Blocked, passed.Reason);
        Assert.StartsWith("page carries: Cloudflare challenge (", passed.Detail);

        Assert.EndsWith("where en is expected", Judge(Site("challenge.html"), "en", dom: Site("privacy-ru.html")).Reason);
    }

    [Fact]
    public void A_placeholder_page_is_blocked_with_its_letter_count()
    {
        var verdict = Judge("<html><body><div id=\"root\">Загрузка…</div></body></html>", "ru");
        Assert.Equal(("empty or placeholder page: 8 letters of text", false), (verdict.Reason, verdict.Walled));
    }

    [Fact]
    public void A_select_that_matches_nothing_is_named_unless_the_page_is_a_wall()
    {
        Assert.Equal("select 'article.policy', '#terms' matched nothing", Judge(Blocked("privacy-cloudflare-kk.html"), "kk", ["article.policy", "#terms"]).Reason);
        Assert.StartsWith("Cloudflare challenge (", Judge(Site("challenge.html"), "en", ["article.policy"]).Reason);
    }

    [Fact]
    public void Select_of_body_or_html_judges_the_whole_page()
    {
        Assert.False(Judge(Blocked("privacy-cloudflare-ru.html"), "ru", ["body"]).Blocked);
        Assert.False(Judge(Blocked("terms-cloudflare-en.html"), "en", ["html"]).Blocked);
    }
}
