using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Tests.Web;

/// <summary>Absolute links (Atom, Memento) point at the site's own or configured address, never at a forged Host header.</summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class PublicAddressTests(WebArchiveFixture web)
{
    private const string Kazakh = "testbank/privacy-policy-kk";

    private static async Task<(string Feed, Uri? Location)> ReadAsync(HttpClient http, Uri original, params (string Name, string Value)[] headers)
    {
        async Task<HttpResponseMessage> Get(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            return await http.SendAsync(request);
        }
        using var feed = await Get("/feed.atom");
        using var gate = await Get("/memento/timegate/" + original.AbsoluteUri);
        return (await feed.Content.ReadAsStringAsync(), gate.Headers.Location);
    }

    private async Task<Uri> OriginalAsync() => (await web.Temp.Archive.Catalog.GetObservationsAsync(Kazakh))[0].Url is var url ? new Uri(url) : throw new InvalidOperationException();

    [Fact]
    public async Task A_forged_Host_header_does_not_reach_feed_links_or_Memento_redirects()
    {
        var (feed, location) = await ReadAsync(web.Http, await OriginalAsync(), ("Host", "attacker.example"));
        Assert.DoesNotContain("attacker.example", feed);
        Assert.Contains($"href=\"{web.BaseUrl.AbsoluteUri}", feed);
        Assert.NotNull(location);
        Assert.StartsWith(web.BaseUrl.AbsoluteUri + "memento/", location!.AbsoluteUri);
    }

    [Fact]
    public async Task A_configured_public_url_is_used_and_a_trusted_proxy_sets_only_the_scheme()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = web.Temp.Directory });
        builder.Logging.ClearProviders();
        builder.AddArchiveSite(new ArchiveReader(web.Temp.Archive, () => web.Temp.Targets), "http://127.0.0.1:0",
            new PublicAddress(new Uri("http://archive.example.org/"), trustForwardedProto: true));
        await using var app = builder.Build();
        app.MapArchiveSite();
        await app.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(ArchiveSite.Addresses(app)[0]) };

        var (feed, location) = await ReadAsync(http, await OriginalAsync(), ("Host", "attacker.example"), ("X-Forwarded-Proto", "https"));
        Assert.DoesNotContain("attacker.example", feed);
        Assert.Contains("href=\"https://archive.example.org/", feed);
        Assert.StartsWith("https://archive.example.org/memento/", location!.AbsoluteUri);

        // A forwarded scheme other than http or https is ignored.
        (feed, _) = await ReadAsync(http, await OriginalAsync(), ("X-Forwarded-Proto", "javascript"));
        Assert.Contains("href=\"http://archive.example.org/", feed);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_bad_public_url_exits_2_naming_its_key()
    {
        foreach (var bad in new[] { "ftp://archive.example.org/", "https://user:pw@archive.example.org/", "https://archive.example.org/sub/", "archive.example.org" })
        {
            var result = await Support.Cli.RunAsync("serve", "--archive", web.Temp.ArchiveDirectory, "--public-url", bad, "--urls", "http://127.0.0.1:0");
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Contains("PolicyArchiver:Web:PublicUrl (--public-url)", result.Error);
        }
    }
}
