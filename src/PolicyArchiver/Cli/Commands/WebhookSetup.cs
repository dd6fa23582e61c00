using PolicyArchiver.Archiving;
using PolicyArchiver.Insight.Topics;
using PolicyArchiver.Web;
using PolicyArchiver.Webhooks;

namespace PolicyArchiver.Cli.Commands;

/// <summary>The webhooks <c>capture</c> and <c>run</c> deliver to, from the same configuration as the archive's storage.</summary>
internal static class WebhookSetup
{
    public const string HelpText = "; each new change is POSTed to the webhooks configured under PolicyArchiver:Webhooks (see README, Webhooks)";

    /// <summary>The configured webhooks; a bad entry exits 2 naming its key, before anything is captured.</summary>
    public static WebhookSettings Read(CliContext context)
    {
        try
        {
            return WebhookSettings.Read(StorageConfiguration.Build(context.ArchiveDirectory, new Dictionary<string, string?>()));
        }
        catch (WebhookConfigurationException e)
        {
            throw new CliException(ExitCodes.BadInput, "webhooks: " + e.Message);
        }
    }

    /// <summary>The public URL from configuration alone, for commands without <c>--public-url</c>.</summary>
    public static Uri? ConfiguredPublicUrl(CliContext context) =>
        StorageConfiguration.Build(context.ArchiveDirectory, new Dictionary<string, string?>())[ServeCommand.PublicUrlKey] is { } url && PublicAddress.Problem(url) is null
            ? new Uri(url)
            : null;

    public static WebhookDispatcher Dispatcher(Archive archive, ArchiveReader reader, TopicLexicon lexicon, WebhookSettings settings, HttpClient http, Uri? site, Action<string> report) =>
        new(reader, lexicon, settings, DeliveryLog.In(archive.Directory), new WebhookSender(http, settings, archive.Time), site, archive.Time, report);
}
