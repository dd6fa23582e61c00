using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Tests.Followers;

/// <summary>The real web archive over a <see cref="Support.FollowerArchive"/>, on a free loopback port, with a configured public URL.</summary>
public sealed class FollowerSite : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required HttpClient Http { get; init; }

    public static Task<FollowerSite> StartAsync(Support.FollowerArchive archive, string? publicUrl = "https://archive.example.org/") =>
        StartAsync(archive.Temp, publicUrl);

    /// <summary>The real web archive over any test archive, e.g. a <see cref="Support.RegistryArchive"/>.</summary>
    public static async Task<FollowerSite> StartAsync(Support.TempArchive temp, string? publicUrl)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = temp.Directory });
        builder.Logging.ClearProviders();
        builder.AddArchiveSite(new ArchiveReader(temp.Archive, () => temp.Targets), "http://127.0.0.1:0",
            new PublicAddress(publicUrl is null ? null : new Uri(publicUrl), false));
        var app = builder.Build();
        app.MapArchiveSite();
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(ArchiveSite.Addresses(app)[0].TrimEnd('/') + "/") };
        return new FollowerSite { App = app, Http = http };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
