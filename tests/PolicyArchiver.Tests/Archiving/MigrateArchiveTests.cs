using System.Text.Json.Nodes;
using PolicyArchiver.Archiving;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>
/// <c>migrate-archive</c>: an embedded archive of real captures copied into PostgreSQL + Azurite and
/// back, with every digest, WARC offset, ledger entry and signature as it was.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class MigrateArchiveTests(WebArchiveFixture web)
{
    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    private async Task<JsonObject> MigrateAsync(string from, string to)
    {
        var result = await Support.Cli.RunAsync("migrate-archive", "--to", to, "--json", "--archive", from, "--targets", web.Temp.TargetsFile);
        Assert.True(result.ExitCode == 0, result.Error + result.Out);
        return JsonNode.Parse(result.Out)!.AsObject();
    }

    private static async Task<string> FingerprintAsync(Archive archive)
    {
        // What an auditor relies on, read through the archive's own interfaces.
        var lines = new List<string>();
        var head = (await archive.Catalog.GetLedgerHeadAsync())!;
        lines.Add($"ledger {head.Seq} {head.Hash}");
        lines.AddRange((await archive.Catalog.GetCheckpointsAsync()).Select(k => $"checkpoint {k.Seq} {Convert.ToHexString(k.Signature)}"));
        foreach (var w in (await archive.Catalog.GetAllWarcRecordsAsync()).OrderBy(w => w.File).ThenBy(w => w.Offset))
            lines.Add($"warc {w.File} {w.Offset} {w.Length} {w.BlockDigest} {Convert.ToHexString(await archive.WarcStore.ReadAsync(w.File, w.Offset, w.Length))[..16]}");
        foreach (var document in await archive.Catalog.GetDocumentsAsync())
            foreach (var v in await archive.Catalog.GetVersionsAsync(document))
                lines.Add($"version {document} {v.Number} {v.TextSha256} {await archive.ReadTextAsync(v) is { Length: > 0 }}");
        var blobs = new List<string>();
        await foreach (var name in archive.Blobs.ListAsync()) blobs.Add(name);
        lines.Add("blobs " + string.Join(",", blobs.Order(StringComparer.Ordinal)));
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task An_embedded_archive_goes_to_postgres_and_azure_and_back_with_every_digest()
    {
        var distributed = NewDirectory();
        var back = NewDirectory();
        await TestStorage.WriteDistributedSettingsAsync(distributed);
        var source = web.Temp.ArchiveDirectory;

        var there = await MigrateAsync(source, distributed);
        Assert.True(there["intact"]!.GetValue<bool>());
        Assert.Contains("postgres", there["to"]!.GetValue<string>());
        Assert.DoesNotContain("Password", there["to"]!.GetValue<string>());
        await MigrateAsync(distributed, back);

        using var original = await TestStorage.OpenReadOnlyAsync(source);
        using var copy = await TestStorage.OpenReadOnlyAsync(distributed);
        using var returned = await TestStorage.OpenReadOnlyAsync(back);
        var expected = await FingerprintAsync(original);
        Assert.Equal(expected, await FingerprintAsync(copy));
        Assert.Equal(expected, await FingerprintAsync(returned));

        // The CLI answers the same on the copy.
        foreach (var args in new[] { new[] { "history", "testbank/privacy-policy-ru", "--json" }, new[] { "changes", "--json" } })
        {
            var a = await Support.Cli.RunAsync([.. args, "--archive", source, "--targets", web.Temp.TargetsFile]);
            var b = await Support.Cli.RunAsync([.. args, "--archive", distributed, "--targets", web.Temp.TargetsFile]);
            Assert.Equal(a.Out, b.Out);
        }
        var verify = await Support.Cli.RunAsync("verify", "--archive", distributed);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
    }

    [Fact]
    public async Task A_target_that_already_holds_an_archive_is_refused_and_left_as_it_was()
    {
        var target = NewDirectory();
        await MigrateAsync(web.Temp.ArchiveDirectory, target);
        var again = await Support.Cli.RunAsync("migrate-archive", "--to", target, "--archive", web.Temp.ArchiveDirectory);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("not empty", again.Error);
        var verify = await Support.Cli.RunAsync("verify", "--archive", target);
        Assert.Equal(0, verify.ExitCode);
        var missing = await Support.Cli.RunAsync("migrate-archive", "--archive", web.Temp.ArchiveDirectory);
        Assert.Equal(2, missing.ExitCode);
    }
}
