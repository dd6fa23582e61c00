using System.Text.Json.Nodes;
using PolicyArchiver.Insight.Coverage;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Followers;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The site keeps what it derives from the whole archive (coverage, the home page's latest changes) until the ledger moves: the same answer while nothing is recorded, and
/// the new state as soon as a capture is, without a restart.
/// </summary>
public sealed class CoverageRecomputeTests
{
    private static async Task<string> StateAsync(FollowerSite site, string document)
    {
        var companies = JsonNode.Parse(await site.Http.GetStringAsync("/api/coverage"))!.AsArray();
        return companies.SelectMany(c => c!["cells"]!.AsArray()).Single(cell => cell!["document"]?.GetValue<string>() == document)!["state"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_failed_capture_recorded_while_the_site_runs_shows_on_the_next_request()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var site = await FollowerSite.StartAsync(archive);
        var before = await StateAsync(site, FollowerArchive.Followbank);
        Assert.NotEqual(CoverageStates.Unreachable, before);
        Assert.Equal(before, await StateAsync(site, FollowerArchive.Followbank));

        await archive.Temp.Archive.Catalog.RecordAsync(new CaptureRecord(FollowerArchive.Followbank, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
            Outcome.NetworkError, null, "https://followbank.example/privacy", null, "net::ERR_CONNECTION_REFUSED", 1, 100, null, null, []));

        Assert.Equal(CoverageStates.Unreachable, await StateAsync(site, FollowerArchive.Followbank));
        Assert.Equal(before, await StateAsync(site, FollowerArchive.Otherbank));
        var page = await Page.OkAsync(site.Http, "/coverage");
        Assert.Contains(page.QuerySelectorAll("table.coverage td .badge"), b => b.ClassList.Contains(CoverageStates.Unreachable));
    }

    [Fact]
    public async Task The_home_page_shows_a_change_recorded_while_the_site_runs()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var site = await FollowerSite.StartAsync(archive);
        var changeLink = $"a[href='/companies/{FollowerArchive.Followbank}/changes/2']";
        Assert.Null((await Page.OkAsync(site.Http, "/")).QuerySelector(changeLink));

        await archive.RecordAsync(FollowerArchive.Followbank, "privacy-v3.txt");

        Assert.NotNull((await Page.OkAsync(site.Http, "/")).QuerySelector(changeLink));
    }
}
