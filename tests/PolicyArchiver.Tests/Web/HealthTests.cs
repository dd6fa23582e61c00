using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Sqlite;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Tests.Web;

/// <summary><c>/healthz</c>, <c>/readyz</c>, and HEAD answered wherever GET is: what monitors and container runtimes ask.</summary>
[Collection(WebArchiveFixture.Collection)]
public class HealthTests(WebArchiveFixture web)
{
    [Fact]
    public async Task Healthz_answers_ok_and_is_never_cached()
    {
        using var response = await web.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Readyz_answers_ready_when_the_catalog_and_blob_storage_answer()
    {
        using var response = await web.Http.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("catalog").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("blobs").GetString());
        Assert.False(json.RootElement.TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Readyz_answers_503_naming_blob_storage_when_its_directory_is_gone()
    {
        var catalog = await ReadableCatalogAsync();
        var gone = new FileSystemBlobStore(Path.Combine(web.Temp.Directory, "unmounted-" + Guid.NewGuid().ToString("N"), "blobs"));
        var (status, json) = await ReadinessOfAsync(new Archive(web.Temp.ArchiveDirectory, gone, catalog, TimeProvider.System));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not ready", json.GetProperty("status").GetString());
        Assert.Equal("ok", json.GetProperty("catalog").GetString());
        Assert.StartsWith("blob storage: DirectoryNotFoundException", json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Readyz_answers_503_naming_blob_storage_when_the_Azure_service_does_not_answer()
    {
        // What docker-compose's web node sees while Azurite is down: the same client options, nothing listening.
        var endpoint = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{Ports.Closed()}/devstoreaccount1;";
        var container = new Azure.Storage.Blobs.BlobServiceClient(endpoint, PolicyArchiver.Storage.Azure.AzureStorage.ClientOptions()).GetBlobContainerClient("policyarchiver");
        var catalog = await ReadableCatalogAsync();
        var (status, json) = await ReadinessOfAsync(new Archive(web.Temp.ArchiveDirectory, new PolicyArchiver.Storage.Azure.AzureBlobStore(container), catalog, TimeProvider.System));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("ok", json.GetProperty("catalog").GetString());
        Assert.StartsWith("blob storage: ", json.GetProperty("reason").GetString());
        Assert.DoesNotContain(AzuriteServer.AccountKey, json.GetRawText());
    }

    [Fact]
    public async Task Readyz_answers_503_naming_the_catalog_when_it_cannot_be_read()
    {
        var missing = SqliteCatalog.ReadOnly(Path.Combine(web.Temp.Directory, "no-such-catalog-" + Guid.NewGuid().ToString("N") + ".db"), TimeProvider.System);
        var blobs = new FileSystemBlobStore(Path.Combine(web.Temp.ArchiveDirectory, "blobs"));
        var (status, json) = await ReadinessOfAsync(new Archive(web.Temp.ArchiveDirectory, blobs, missing, TimeProvider.System));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("ok", json.GetProperty("blobs").GetString());
        Assert.StartsWith("catalog: SqliteException", json.GetProperty("reason").GetString());
    }

    /// <summary>What uptime monitors send: HEAD must answer as GET does, headers and all, without a body.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("changes")]
    [InlineData("export")]
    [InlineData("api/companies")]
    [InlineData("site.css")]
    [InlineData("healthz")]
    [InlineData("readyz")]
    public async Task Head_answers_wherever_get_answers_with_the_same_type_and_no_body(string path)
    {
        using var get = await web.Http.GetAsync(path);
        using var head = await web.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotNull(get.Content.Headers.ContentType);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
    }

    /// <summary>The site over a given archive on a port of its own, asked /readyz once.</summary>
    /// <summary>
    /// A catalog of its own that answers, whichever backend the fixture archive runs on (the archive
    /// built for the readiness check is disposed with its catalog; the fixture's must stay open).
    /// </summary>
    private async Task<SqliteCatalog> ReadableCatalogAsync()
    {
        var catalog = new SqliteCatalog(Path.Combine(web.Temp.Directory, "readable-" + Guid.NewGuid().ToString("N") + ".db"), TimeProvider.System);
        await catalog.InitializeAsync();
        return catalog;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> ReadinessOfAsync(Archive archive)
    {
        using (archive)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.ClearProviders();
            builder.AddArchiveSite(new ArchiveReader(archive, () => null), "http://127.0.0.1:0");
            await using var app = builder.Build();
            app.MapArchiveSite();
            await app.StartAsync();
            using var http = new HttpClient();
            using var response = await http.GetAsync(ArchiveSite.Addresses(app)[0].TrimEnd('/') + "/readyz");
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            await app.StopAsync();
            return (response.StatusCode, json);
        }
    }
}
