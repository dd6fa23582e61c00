using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>New extraction rules make technical versions, kept apart from the company's real changes.</summary>
public class TechnicalVersionTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Privacy = "testbank/privacy-policy-ru";

    /// <summary>Adds an ignore rule to the Russian privacy policy in targets.json.</summary>
    private static async Task IgnoreAsync(TempArchive temp, string pattern)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(temp.TargetsFile))!;
        foreach (var d in json["companies"]![0]!["documents"]!.AsArray())
            if (d!["id"]!.GetValue<string>() == "privacy-policy-ru") d["ignore"] = new System.Text.Json.Nodes.JsonArray(pattern);
        await File.WriteAllTextAsync(temp.TargetsFile, json.ToJsonString());
    }

    [Fact]
    public async Task Reextract_records_a_technical_version_that_changes_and_feeds_do_not_report()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy)).ExitCode);

        var same = await Support.Cli.RunAsync(temp, "reextract", "--only", Privacy, "--json");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(same.Out).RootElement[0].GetProperty("technicalVersion").ValueKind);

        await IgnoreAsync(temp, @"^1\.2\. .*$");
        var result = await Support.Cli.RunAsync(temp, "reextract", "--only", Privacy, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, JsonDocument.Parse(result.Out).RootElement[0].GetProperty("technicalVersion").GetInt32());

        var history = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "history", Privacy, "--json")).Out).RootElement;
        Assert.Equal([false, true], history.EnumerateArray().Select(v => v.GetProperty("technical").GetBoolean()));
        Assert.Equal(history[0].GetProperty("snapshotSha256").GetString(), history[1].GetProperty("snapshotSha256").GetString());
        Assert.DoesNotContain("1.2. Политика распространяется", (await Support.Cli.RunAsync(temp, "show", Privacy)).Out, StringComparison.Ordinal);

        Assert.Empty(JsonDocument.Parse((await Support.Cli.RunAsync(temp, "changes", "--json")).Out).RootElement.EnumerateArray());
        var all = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "changes", "--json", "--include-technical")).Out).RootElement;
        Assert.True(Assert.Single(all.EnumerateArray()).GetProperty("technical").GetBoolean());

        // Reextract ends with a checkpoint of the head, like every write.
        Assert.Equal((await temp.Archive.Catalog.GetLedgerHeadAsync())!.Seq, (await temp.Archive.Catalog.GetCheckpointsAsync())[^1].Seq);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var verify = await Support.Cli.RunAsync("verify", "--archive", temp.ArchiveDirectory);
        Assert.Equal(ExitCodes.Ok, verify.ExitCode);
        Assert.DoesNotContain("not covered", verify.Out);
    }

    [Fact]
    public async Task A_capture_under_new_rules_separates_the_technical_difference_from_the_real_change()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy)).ExitCode);

        // The rules change and the company edits its policy before the next capture.
        await IgnoreAsync(temp, @"^1\.2\. .*$");
        tenant.Phase = "v2";
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy)).ExitCode);

        var versions = await temp.Archive.Catalog.GetVersionsAsync(Privacy);
        Assert.Equal([false, true, false], versions.Select(v => v.Technical));
        var changes = await temp.Archive.Catalog.GetChangesAsync(Privacy);
        var real = Assert.Single(changes, c => !c.Technical);
        Assert.Equal((2, 3, 2, 2), (real.FromVersion, real.ToVersion, real.LinesAdded, real.LinesRemoved)); // only the company's edits
        var diff = await Support.Cli.RunAsync(temp, "diff", Privacy);
        Assert.DoesNotContain("1.2. Политика", diff.Out, StringComparison.Ordinal);
        Assert.Contains("+5.2. Срок хранения персональных данных составляет 5 лет", diff.Out, StringComparison.Ordinal);
    }
}
