using PolicyArchiver.Capture;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Capture;

public class BlockDetectorTests
{
    private static readonly Uri Url = new("https://bank.kz/privacy");
    private static readonly Dictionary<string, string> NoHeaders = new();

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(FixtureSite.Root, "v1", name));

    [Fact]
    public void Cloudflare_challenge_is_blocked() =>
        Assert.StartsWith("Cloudflare challenge", BlockDetector.Detect(NoHeaders, Fixture("challenge.html"), Url, Url, 300));

    [Fact]
    public void Cloudflare_mitigation_header_is_blocked() =>
        Assert.NotNull(BlockDetector.Detect(new Dictionary<string, string> { ["cf-mitigated"] = "challenge" }, "<html></html>", Url, Url, 0));

    [Fact]
    public void Yandex_captcha_is_blocked() =>
        Assert.NotNull(BlockDetector.Detect(NoHeaders, Fixture("captcha.html"), Url, Url, 600));

    [Fact]
    public void Redirect_to_a_login_page_is_a_login_wall() =>
        Assert.StartsWith("login wall", BlockDetector.Detect(NoHeaders, "<html><body>Войти</body></html>", Url, new Uri("https://bank.kz/auth/login?next=/privacy"), 5000));

    [Fact]
    public void A_long_policy_with_a_recaptcha_contact_form_is_not_blocked() =>
        Assert.Null(BlockDetector.Detect(NoHeaders, Fixture("privacy-ru.html") + "<div class=\"g-recaptcha\"></div>", Url, Url, 8000));

    [Fact]
    public void An_ordinary_policy_page_is_not_blocked()
    {
        foreach (var page in new[] { "privacy-ru.html", "privacy-kk.html", "terms-cp1251.html", "offer-spa.html" })
            Assert.Null(BlockDetector.Detect(NoHeaders, Fixture(page), Url, Url, 5000));
    }
}
