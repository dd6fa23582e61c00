namespace PolicyArchiver.Model;

/// <summary>The difference between two consecutive versions of a document: the change registry.</summary>
public sealed record Change(
    string Document,
    int FromVersion,
    int ToVersion,
    DateTimeOffset At,
    int LinesAdded,
    int LinesRemoved,
    int WordsAdded,
    int WordsRemoved,
    bool Technical = false);
