using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>
/// Pages that carry a wall's markers, captured with a real Chromium from Fixtures/blocked/ (its
/// README.md says what each page is): a policy that loads a detection script is the policy, a page
/// served instead of it is blocked.
/// </summary>
public class BlockedPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Company = "steppetelecom/";

    private async Task<(TempArchive Temp, IReadOnlyList<Observation> Observations)> CaptureAsync(params string[] ids)
    {
        var temp = await TempArchive.CreateAsync(FixtureSite.TargetsFor(chromium.Site.NewTenant(), Path.Combine("blocked", "targets.json")));
        var documents = ids.Select(id => temp.Targets.Find(Company + id) ?? throw new ArgumentException(id)).ToList();
        return (temp, await temp.Archivist(chromium.Browser).CaptureRoundAsync(documents, CancellationToken.None));
    }

    private static async Task<string> LatestTextAsync(TempArchive temp, string id) =>
        await temp.Archive.ReadTextAsync((await temp.Archive.Catalog.GetLatestVersionAsync(Company + id))!);

    [Fact]
    public async Task Policies_behind_cloudflare_passive_bot_detection_are_archived_with_the_signal_in_the_detail()
    {
        var (temp, observations) = await CaptureAsync("privacy-policy-ru", "privacy-policy-kk", "terms-of-service-en");
        using var _ = temp;
        foreach (var o in observations)
        {
            Assert.Equal((Outcome.Ok, true, 1), (o.Outcome, o.NewVersion, o.Version));
            // The page's third-party scripts are named too: on this offline machine they failed to load.
            Assert.Contains("page carries: Cloudflare bot-detection script (/cdn-cgi/challenge-platform/)", o.Detail);
        }
        Assert.EndsWith("; reCAPTCHA (google.com/recaptcha)", observations[1].Detail); // the feedback form's widget
        Assert.Contains("5.1. Персональные данные хранятся в базе данных, расположенной на территории Республики Казахстан.\n", await LatestTextAsync(temp, "privacy-policy-ru"));
        Assert.Contains("5.1. Дербес деректер Қазақстан Республикасының аумағында орналасқан дерекқорда сақталады.\n", await LatestTextAsync(temp, "privacy-policy-kk"));
        Assert.Contains("5.2. Disputes are settled by negotiation, and failing that by the courts of the Republic of Kazakhstan.\n", await LatestTextAsync(temp, "terms-of-service-en"));
    }

    [Fact]
    public async Task A_short_but_complete_text_with_a_recaptcha_badge_is_archived()
    {
        var (temp, observations) = await CaptureAsync("data-processing-consent-kk");
        using var _ = temp;
        var o = Assert.Single(observations);
        Assert.Equal((Outcome.Ok, true), (o.Outcome, o.NewVersion));
        Assert.EndsWith("page carries: reCAPTCHA (grecaptcha-badge)", o.Detail); // after the page's scripts that failed to load offline
        var text = await LatestTextAsync(temp, "data-processing-consent-kk");
        Assert.Contains("5. Мен бұл келісімді Операторға жазбаша өтініш жіберу арқылы кез келген уақытта кері қайтарып ала аламын.\n", text);
        Assert.InRange(text.Length, 600, 1200);
    }

    [Fact]
    public async Task Capture_of_a_challenge_page_or_a_captcha_wall_records_blocked_and_no_version()
    {
        var (temp, observations) = await CaptureAsync("cookie-policy-ru", "user-agreement-ru", "public-offer-kk");
        using var _ = temp;
        Assert.Equal((Outcome.Blocked, 403), (observations[0].Outcome, observations[0].HttpStatus));
        Assert.StartsWith("Cloudflare challenge (window._cf_chl_opt) on a page with ", observations[0].Detail);
        Assert.StartsWith("Yandex captcha (Подтвердите, что запросы отправляли вы, а не робот) on a page with ", observations[1].Detail);
        Assert.StartsWith("wall page (titled «Access Denied») on a page with ", observations[2].Detail);
        foreach (var o in observations)
        {
            Assert.Equal((Outcome.Blocked, (string?)null, (int?)null), (o.Outcome, o.SnapshotSha256, o.Version));
            Assert.Empty(await temp.Archive.Catalog.GetVersionsAsync(o.Document));
        }
    }

    [Fact]
    public async Task Select_of_body_or_html_is_archived_like_any_other_selector_and_one_that_matches_nothing_is_named()
    {
        var (temp, observations) = await CaptureAsync("privacy-policy-body-ru", "terms-of-service-html-en", "privacy-policy-article-kk");
        using var _ = temp;
        Assert.Equal((Outcome.Ok, true), (observations[0].Outcome, observations[0].NewVersion));
        Assert.Equal((Outcome.Ok, true), (observations[1].Outcome, observations[1].NewVersion));
        // The whole page is the text: the site's footer too.
        Assert.Contains("© 2024 ТОО «Степь Телеком». Лицензия на оказание услуг связи № 01234.\n", await LatestTextAsync(temp, "privacy-policy-body-ru"));
        Assert.Contains("© 2024 Steppe Telecom LLP. Communications licence No. 01234.\n", await LatestTextAsync(temp, "terms-of-service-html-en"));
        Assert.Equal((Outcome.Blocked, "select 'article.policy' matched nothing"), (observations[2].Outcome, observations[2].Detail));
    }
}
