using System.Net;
using System.Net.Http.Headers;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Followers;

/// <summary>
/// A feed reader that polls every few minutes sends back the ETag or Last-Modified it got: an
/// unchanged feed is answered 304 with no body, a changed one 200 with new validators.
/// </summary>
public sealed class ConditionalFeedTests
{
    public static TheoryData<string> Feeds => ["/feed.atom", "/companies/followbank/feed.atom", "/checkpoints.atom"];

    private static async Task<HttpResponseMessage> GetAsync(FollowerSite site, string path, EntityTagHeaderValue? etag = null, DateTimeOffset? since = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (etag is not null) request.Headers.IfNoneMatch.Add(etag);
        if (since is not null) request.Headers.IfModifiedSince = since;
        return await site.Http.SendAsync(request);
    }

    private static async Task<FollowerArchive> SignedArchiveAsync()
    {
        var archive = await FollowerArchive.CreateAsync();
        await new Checkpointer(archive.Temp.Archive.Catalog, archive.Temp.Archive.Key, TimeProvider.System).CheckpointAsync(LedgerStart.Empty, CancellationToken.None);
        return archive;
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task A_feed_carries_an_etag_and_last_modified_and_answers_304_to_either(string path)
    {
        using var archive = await SignedArchiveAsync();
        await using var site = await FollowerSite.StartAsync(archive);

        using var first = await GetAsync(site, path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        var modified = first.Content.Headers.LastModified;
        Assert.NotNull(etag);
        Assert.NotNull(modified);

        using var byTag = await GetAsync(site, path, etag);
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Equal(etag, byTag.Headers.ETag);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());

        using var byDate = await GetAsync(site, path, since: modified);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);

        using var earlier = await GetAsync(site, path, since: modified!.Value.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);

        // If-None-Match decides when both are sent: another tag means another copy, whatever the date.
        using var otherTag = await GetAsync(site, path, new EntityTagHeaderValue("\"something-else\""), modified);
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
        Assert.Equal(etag, otherTag.Headers.ETag);
    }

    [Fact]
    public async Task A_new_change_gives_its_feeds_a_new_etag_and_leaves_the_others_unchanged()
    {
        using var archive = await SignedArchiveAsync();
        await using var site = await FollowerSite.StartAsync(archive);
        using var all = await GetAsync(site, "/feed.atom");
        using var follow = await GetAsync(site, "/companies/followbank/feed.atom");
        using var other = await GetAsync(site, "/companies/otherbank/feed.atom");

        await archive.RecordAsync(FollowerArchive.Followbank, "privacy-v3.txt");

        using var allAfter = await GetAsync(site, "/feed.atom", all.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, allAfter.StatusCode);
        Assert.NotEqual(all.Headers.ETag, allAfter.Headers.ETag);
        Assert.True(allAfter.Content.Headers.LastModified > all.Content.Headers.LastModified);
        Assert.Contains("followbank/privacy-policy-ru/changes/2", await allAfter.Content.ReadAsStringAsync());

        using var followAfter = await GetAsync(site, "/companies/followbank/feed.atom", follow.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, followAfter.StatusCode);
        using var otherAfter = await GetAsync(site, "/companies/otherbank/feed.atom", other.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, otherAfter.StatusCode);

        using var again = await GetAsync(site, "/feed.atom", allAfter.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task The_etag_depends_on_the_public_url_the_feed_links_to()
    {
        using var archive = await SignedArchiveAsync();
        await using var one = await FollowerSite.StartAsync(archive, "https://archive.example.org/");
        await using var other = await FollowerSite.StartAsync(archive, "https://mirror.example.net/");
        await using var restarted = await FollowerSite.StartAsync(archive, "https://archive.example.org/");

        using var a = await GetAsync(one, "/feed.atom");
        using var b = await GetAsync(other, "/feed.atom");
        using var c = await GetAsync(restarted, "/feed.atom");

        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);
        Assert.Equal(a.Headers.ETag, c.Headers.ETag);
    }
}
