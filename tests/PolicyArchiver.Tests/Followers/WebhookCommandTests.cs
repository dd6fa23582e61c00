using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Followers;

/// <summary><c>capture</c> and <c>run</c> read the webhooks from the archive's configuration, and refuse a broken one before capturing anything.</summary>
public sealed class WebhookCommandTests
{
    [Theory]
    [InlineData("capture")]
    [InlineData("run")]
    public async Task A_webhook_without_a_secret_stops_the_command_before_anything_is_captured(string command)
    {
        using var archive = await FollowerArchive.CreateAsync();
        var observations = (await archive.Temp.Archive.Catalog.GetObservationsAsync(FollowerArchive.Followbank)).Count;
        await File.WriteAllTextAsync(Path.Combine(archive.Temp.ArchiveDirectory, "appsettings.json"),
            """{ "PolicyArchiver": { "Webhooks": [ { "Url": "http://127.0.0.1:9/hook" } ] } }""");

        var result = await Support.Cli.RunAsync(archive.Temp, command, "--loopback-only", "--no-confirm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PolicyArchiver:Webhooks:0:Secret", result.Error);
        Assert.Equal(observations, (await archive.Temp.Archive.Catalog.GetObservationsAsync(FollowerArchive.Followbank)).Count);
    }

    [Theory]
    [InlineData("capture")]
    [InlineData("run")]
    public async Task Help_says_where_webhooks_are_configured(string command)
    {
        var result = await Support.Cli.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PolicyArchiver:Webhooks", result.Out.ReplaceLineEndings(" "));
    }
}
