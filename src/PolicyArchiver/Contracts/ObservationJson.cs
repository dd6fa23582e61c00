using PolicyArchiver.Storage;

namespace PolicyArchiver.Contracts;

/// <summary>The JSON shape of an observation: a contract, fields are added, never renamed.</summary>
internal sealed record ObservationJson(
    string Document,
    DateTimeOffset At,
    string Outcome,
    int? HttpStatus,
    string Url,
    string? FinalUrl,
    string? SnapshotSha256,
    bool NewVersion,
    int? Version,
    string? Detail,
    int Attempts,
    long DurationMs,
    bool Imported,
    string? Source)
{
    public static ObservationJson From(Observation o) => new(o.Document, o.At.ToUniversalTime(), o.Outcome.ToWire(), o.HttpStatus, o.Url,
        o.FinalUrl, o.SnapshotSha256, o.NewVersion, o.Version, o.Detail, o.Attempts, o.DurationMs, o.Source is not null, o.Source);
}
