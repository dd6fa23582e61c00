using System.Net;
using System.Xml.Linq;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Followers;

/// <summary>Atom ids name the archive that publishes them: two archives of the same company never share an entry id.</summary>
public sealed class FeedIdTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<(string Feed, List<string> Entries)> IdsAsync(FollowerSite site, string path = "/feed.atom", string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null) request.Headers.Host = host;
        using var response = await site.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        return (root.Element(Atom + "id")!.Value, root.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList());
    }

    [Fact]
    public async Task Entry_ids_are_tag_uris_of_the_public_host_dated_by_the_change()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var site = await FollowerSite.StartAsync(archive);

        var (feed, entries) = await IdsAsync(site);

        Assert.Equal("tag:archive.example.org,2026:changes", feed);
        Assert.Equal(
            ["tag:archive.example.org,2026-05-03:otherbank/privacy-policy-ru/changes/1", "tag:archive.example.org,2026-05-03:followbank/privacy-policy-ru/changes/1"],
            entries);
        Assert.Equal("tag:archive.example.org,2026:companies/followbank/changes", (await IdsAsync(site, "/companies/followbank/feed.atom")).Feed);
    }

    [Fact]
    public async Task Ids_are_the_same_whatever_the_Host_header_and_after_a_restart()
    {
        using var archive = await FollowerArchive.CreateAsync();
        var before = default((string, List<string>));
        await using (var site = await FollowerSite.StartAsync(archive))
        {
            before = await IdsAsync(site);
            var forged = await IdsAsync(site, host: "attacker.example");
            Assert.Equal(before.Item1, forged.Feed);
            Assert.Equal(before.Item2, forged.Entries);
        }
        await using var restarted = await FollowerSite.StartAsync(archive);

        var after = await IdsAsync(restarted);

        Assert.Equal(before.Item1, after.Feed);
        Assert.Equal(before.Item2, after.Entries);
    }

    [Fact]
    public async Task Two_archives_at_different_public_urls_publish_different_ids_for_the_same_change()
    {
        using var archive = await FollowerArchive.CreateAsync();
        await using var one = await FollowerSite.StartAsync(archive, "https://archive.example.org/");
        await using var other = await FollowerSite.StartAsync(archive, "https://mirror.example.net/");

        var (oneFeed, oneEntries) = await IdsAsync(one);
        var (otherFeed, otherEntries) = await IdsAsync(other);

        Assert.NotEqual(oneFeed, otherFeed);
        Assert.Equal(2, otherEntries.Count);
        Assert.Empty(oneEntries.Intersect(otherEntries));
        Assert.All(otherEntries, id => Assert.StartsWith("tag:mirror.example.net,", id));
    }
}
