using System.Net;
using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The checkpoints published for keeping outside the archive: a page, JSON and an Atom feed, each
/// something <c>verify --trusted-checkpoint</c> reads back.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class CheckpointTests(WebArchiveFixture web)
{
    [Fact]
    public async Task Checkpoints_json_lists_every_checkpoint_with_the_key_and_verify_accepts_its_address()
    {
        var checkpoints = await web.Temp.Archive.Catalog.GetCheckpointsAsync();
        var json = JsonDocument.Parse(await web.Http.GetStringAsync("/checkpoints.json")).RootElement;
        Assert.Equal(web.Temp.Archive.Key.PublicKeySha256, json.GetProperty("publicKeySha256").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", json.GetProperty("publicKey").GetString());
        var published = PublishedCheckpoint.ParseAll(json.GetRawText(), "/checkpoints.json");
        Assert.Equal(checkpoints.Select(c => (c.Seq, c.HeadHash, c.Statement)), published.Select(p => (p.Seq, p.Head, p.Statement)));
        Assert.All(published, p => Assert.True(ArchiveKey.Verify(json.GetProperty("publicKey").GetString()!,
            System.Text.Encoding.UTF8.GetBytes(p.Statement), Convert.FromBase64String(p.Signature))));

        var verify = await Support.Cli.RunAsync("verify", "--archive", web.Temp.ArchiveDirectory, "--trusted-checkpoint", new Uri(web.BaseUrl, "/checkpoints.json").AbsoluteUri);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Out + verify.Error);
        Assert.Contains($"key: SHA-256 fingerprint {web.Temp.Archive.Key.PublicKeySha256}", verify.Out);
        Assert.Contains($"trusted checkpoints: {checkpoints.Count} checked", verify.Out);
    }

    [Fact]
    public async Task A_trusted_checkpoint_is_read_only_from_files_and_http_addresses()
    {
        var verify = await Support.Cli.RunAsync("verify", "--archive", web.Temp.ArchiveDirectory, "--trusted-checkpoint", "ftp://127.0.0.1/checkpoints.json");
        Assert.Equal(ExitCodes.BadInput, verify.ExitCode);
        Assert.Contains("only http(s) addresses and files", verify.Error);
    }

    [Fact]
    public async Task The_checkpoint_feed_has_an_entry_per_checkpoint_whose_content_is_its_json()
    {
        using var response = await web.Http.GetAsync("/checkpoints.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var file = Path.Combine(web.Temp.Directory, $"checkpoints-{Guid.NewGuid():N}.atom");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "feedparser", "read-feed.mjs");
        var result = await Repository.RunAsync("node", AppContext.BaseDirectory, script, Repository.Feedparser, file);
        Assert.True(result.ExitCode == 0, result.Error);
        var feed = JsonDocument.Parse(result.Out).RootElement;

        Assert.Equal("tag:policyarchiver,2026:checkpoints", feed.GetProperty("id").GetString());
        var checkpoints = await web.Temp.Archive.Catalog.GetCheckpointsAsync();
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(checkpoints.Count, items.Count);
        var newest = Assert.Single(PublishedCheckpoint.ParseAll(WebUtility.HtmlDecode(items[0].GetProperty("content").GetString()!), "feed entry"));
        Assert.Equal((checkpoints[^1].Seq, checkpoints[^1].HeadHash), (newest.Seq, newest.Head));
    }

    [Fact]
    public async Task The_checkpoints_page_shows_the_key_fingerprint_and_links_the_feed_and_json()
    {
        var html = await web.Http.GetStringAsync("/checkpoints");
        Assert.Contains(web.Temp.Archive.Key.PublicKeySha256, html);
        Assert.Contains("href=\"/checkpoints.atom\"", html);
        Assert.Contains("href=\"/checkpoints.json\"", html);
        Assert.Contains((await web.Temp.Archive.Catalog.GetCheckpointsAsync())[^1].HeadHash, html);
    }
}
