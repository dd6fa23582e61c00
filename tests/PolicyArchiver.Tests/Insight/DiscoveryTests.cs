using System.Text.Json.Nodes;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Verification;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Tests.Insight;

/// <summary><c>discover</c> against a bank's homepage in three languages, before and after a redesign, with real Chromium.</summary>
public sealed class DiscoveryTests : IAsyncLifetime
{
    private DiscoverySite _site = null!;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private string Targets => Path.Combine(_directory, "targets.json");
    private string ArchiveDirectory => Path.Combine(_directory, "archive");

    public async Task InitializeAsync()
    {
        _site = await DiscoverySite.StartAsync();
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Targets, _site.Targets());
        await TestStorage.PrepareAsync(ArchiveDirectory);
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private async Task<JsonObject> DiscoverAsync(params string[] extra)
    {
        var result = await Support.Cli.RunAsync(["discover", "--loopback-only", "--json", .. extra, "--archive", ArchiveDirectory, "--targets", Targets]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!.AsArray().Single()!.AsObject();
    }

    private static JsonObject Tracked(JsonObject report, string document) =>
        report["documents"]!.AsArray().Single(d => d!["document"]!.GetValue<string>() == document)!.AsObject();

    private static (bool Linked, int? Depth) State(JsonObject report, string document)
    {
        var d = Tracked(report, document);
        return (d["linked"]!.GetValue<bool>(), d["depth"]?.GetValue<int>());
    }

    [Fact]
    public async Task Links_are_found_in_every_language_with_their_click_depth_and_compared_with_the_targets()
    {
        var report = await DiscoverAsync();
        Assert.Equal("ok", report["outcome"]!.GetValue<string>());
        var roles = report["pages"]!.AsArray().Select(p => (p!["role"]!.GetValue<string>(), p["language"]?.GetValue<string>())).ToList();
        Assert.Contains(("homepage", "ru"), roles);
        Assert.Contains(("language variant", "kk"), roles);
        Assert.Contains(("language variant", "en"), roles);
        Assert.Contains(("documents page", "ru"), roles);

        Assert.Equal((true, 1), State(report, "discobank/privacy-policy-ru"));
        Assert.Equal((true, 1), State(report, "discobank/privacy-policy-kk"));   // from the Kazakh homepage
        Assert.Equal((true, 1), State(report, "discobank/user-agreement-kk"));
        Assert.Equal((true, 2), State(report, "discobank/user-agreement-ru"));   // homepage → Документы → the agreement
        Assert.Equal((true, 1), State(report, "discobank/public-offer-ru"));     // a PDF link

        var candidates = report["candidates"]!.AsArray()
            .Select(c => (c!["type"]!.GetValue<string>(), c["language"]!.GetValue<string>(), c["depth"]!.GetValue<int>(), new Uri(c["url"]!.GetValue<string>()).AbsolutePath))
            .OrderBy(c => c.Item4, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("privacy-policy", "en", 1, "/en/privacy"), ("terms-of-service", "en", 1, "/en/terms"), ("data-processing-consent", "ru", 2, "/ru/consent"), ("cookie-policy", "ru", 2, "/ru/cookies")],
            candidates);
        Assert.DoesNotContain(candidates, c => c.Item4 is "/contacts" or "/ru/tariffs" or "/cards"); // not policy documents
    }

    [Fact]
    public async Task A_redesign_that_moves_and_drops_links_is_reported_and_kept_over_time()
    {
        var first = await DiscoverAsync();
        _site.Phase = "v2";
        var second = await DiscoverAsync();

        Assert.Equal((true, 2), State(second, "discobank/privacy-policy-ru"));   // moved from the footer to the documents page
        Assert.Equal((false, null), State(second, "discobank/user-agreement-kk")); // its link vanished
        var since = Tracked(second, "discobank/user-agreement-kk")["since"]!.GetValue<DateTimeOffset>();
        Assert.Equal(second["at"]!.GetValue<DateTimeOffset>(), since);
        Assert.Equal(first["at"]!.GetValue<DateTimeOffset>(), Tracked(second, "discobank/privacy-policy-kk")["since"]!.GetValue<DateTimeOffset>());
        var changes = second["changes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("discobank/user-agreement-kk: no longer linked (was 1 click from the homepage)", changes);
        Assert.Contains("discobank/privacy-policy-ru: now 2 clicks from the homepage (was 1 click)", changes);

        var history = await Support.Cli.RunAsync("discover", "--history", "--json", "--archive", ArchiveDirectory, "--targets", Targets);
        var spans = JsonNode.Parse(history.Out)!.AsArray().Where(s => s!["document"]!.GetValue<string>() == "discobank/user-agreement-kk").ToList();
        Assert.Equal([true, false], spans.Select(s => s!["linked"]!.GetValue<bool>()));
        Assert.Equal(second["at"]!.GetValue<DateTimeOffset>(), spans[1]!["since"]!.GetValue<DateTimeOffset>());
        var text = await Support.Cli.RunAsync("discover", "--history", "--archive", ArchiveDirectory, "--targets", Targets);
        Assert.Contains("discobank/user-agreement-kk  NOT linked  from ", text.Out);
    }

    [Fact]
    public async Task The_company_page_shows_what_its_homepage_links_and_since_when()
    {
        await DiscoverAsync();
        _site.Phase = "v2";
        await DiscoverAsync();
        using var archive = await TestStorage.OpenAsync(ArchiveDirectory);
        var targets = await PolicyArchiver.Targets.TargetsLoader.LoadAsync(Targets);
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { Args = [], ContentRootPath = _directory });
        builder.Logging.ClearProviders();
        builder.AddArchiveSite(new ArchiveReader(archive, () => targets), "http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapArchiveSite();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(ArchiveSite.Addresses(app)[0]) };
        var page = await PolicyArchiver.Tests.Web.Page.OkAsync(http, "/companies/discobank");
        var rows = page.QuerySelectorAll("table.discovery tbody tr").ToDictionary(r => r.QuerySelector("a")!.TextContent, r => r.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("not linked", rows["user-agreement-kk"]);
        Assert.Equal("linked 2 clicks", rows["privacy-policy-ru"]);
        Assert.Contains(page.QuerySelectorAll("main li code"), c => c.TextContent.EndsWith("/en/terms", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [EmbeddedFact]
    public async Task Discoveries_are_evidence_covered_by_the_ledger()
    {
        await DiscoverAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var archive = await TestStorage.OpenReadOnlyAsync(ArchiveDirectory))
        {
            var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
            Assert.True(report.Intact, string.Join("; ", report.Problems.Select(p => p.Detail)));
            Assert.Equal(1, (await archive.Catalog.CountRowsAsync())["discovery"]);
        }
        // Editing what was found afterwards breaks the chain.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(ArchiveDirectory, "catalog.db")}"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE discoveries SET json = replace(json, '\"linked\":false', '\"linked\":true')";
            await edit.ExecuteNonQueryAsync();
            edit.CommandText = "UPDATE discoveries SET json = replace(json, '/kz/agreement', '/kz/agreement2')";
            await edit.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var verify = await Support.Cli.RunAsync("verify", "--archive", ArchiveDirectory);
        Assert.Equal(4, verify.ExitCode);
        Assert.Contains("discovery:1", verify.Out + verify.Error);
    }

    [Fact]
    public async Task Write_proposes_the_candidates_in_a_separate_valid_file_and_never_edits_the_targets()
    {
        var before = await File.ReadAllTextAsync(Targets);
        await DiscoverAsync("--write");
        Assert.Equal(before, await File.ReadAllTextAsync(Targets));
        var proposed = Path.Combine(_directory, "targets.proposed.json");
        var targets = await PolicyArchiver.Targets.TargetsLoader.LoadAsync(proposed);
        var added = targets.Documents.Select(d => d.Key).Except((await PolicyArchiver.Targets.TargetsLoader.LoadAsync(Targets)).Documents.Select(d => d.Key)).Order().ToList();
        Assert.Equal(["discobank/cookie-policy-ru", "discobank/data-processing-consent-ru", "discobank/privacy-policy-en", "discobank/terms-of-service-en"], added);
        Assert.Equal("Terms of Use", targets.Find("discobank/terms-of-service-en")!.Title);
    }

    [Fact]
    public async Task An_unreachable_homepage_is_recorded_as_such_and_an_unknown_company_is_bad_input()
    {
        var json = JsonNode.Parse(_site.Targets())!;
        json["companies"]![0]!["homepage"] = $"http://127.0.0.1:{Ports.Closed()}/";
        await File.WriteAllTextAsync(Targets, json.ToJsonString());
        var report = await DiscoverAsync();
        Assert.Equal("network-error", report["outcome"]!.GetValue<string>());
        Assert.All(report["documents"]!.AsArray(), d => Assert.False(d!["linked"]!.GetValue<bool>()));

        var unknown = await Support.Cli.RunAsync("discover", "--only", "nobody", "--archive", ArchiveDirectory, "--targets", Targets);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--only nobody", unknown.Error);
    }
}
