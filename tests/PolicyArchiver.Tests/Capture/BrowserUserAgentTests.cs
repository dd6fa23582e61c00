using PolicyArchiver.Capture;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Capture;

/// <summary>The User-Agent known from Chromium's version, without starting it, and the rounds that therefore never start it.</summary>
public class BrowserUserAgentTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n", "156")]
    [InlineData("Google Chrome 120.0.6099.71 ", "120")]
    public void The_version_gives_the_reduced_user_agent(string output, string major)
    {
        var agent = BrowserUserAgent.FromVersion(output);
        Assert.NotNull(agent);
        Assert.EndsWith($") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36", agent, StringComparison.Ordinal);
        Assert.StartsWith("Mozilla/5.0 (", agent, StringComparison.Ordinal);
        Assert.DoesNotContain("Headless", agent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("chromium: command not found")]
    [InlineData("Chromium 99.0.4844.51")] // before the reduction, the full version was sent: ask the browser
    public void No_version_or_an_old_one_gives_none(string output) => Assert.Null(BrowserUserAgent.FromVersion(output));

    [Fact]
    public async Task The_agent_known_from_the_version_is_the_one_the_started_browser_sends()
    {
        var options = ChromiumFixture.Options();
        var derived = await BrowserUserAgent.FromExecutableAsync(options.ChromiumPath, CancellationToken.None);
        await using var browser = new ChromiumBrowser(options);
        await using (await browser.NewContextAsync(null, CancellationToken.None)) { }
        Assert.Equal(await ChromiumBrowser.DefaultUserAgentAsync(browser.Current!), derived);
    }

    [Fact]
    public async Task A_round_of_pages_kept_as_served_never_starts_the_browser()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var documents = new[] { temp.Document("privacy-policy-ru"), temp.Document("user-agreement-ru") };
        var first = await temp.Archivist(chromium.Browser).CaptureRoundAsync(documents, CancellationToken.None);
        Assert.All(first, o => Assert.True(o.NewVersion));

        // A new process, say the next scheduled round: its pages' raw HTML gives their texts unchanged.
        await using var fresh = new ChromiumBrowser(ChromiumFixture.Options());
        var second = await temp.Archivist(fresh).CaptureRoundAsync(documents, CancellationToken.None);
        Assert.All(second, o => Assert.Equal((Outcome.Ok, false), (o.Outcome, o.NewVersion)));
        Assert.Null(fresh.Current);

        // An edited page is rendered: the browser starts then, and only then.
        tenant.Phase = "v2";
        var third = await temp.Archivist(fresh).CaptureRoundAsync([documents[0]], CancellationToken.None);
        Assert.True(third[0].NewVersion);
        Assert.NotNull(fresh.Current);
    }
}
