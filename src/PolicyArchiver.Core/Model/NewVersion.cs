namespace PolicyArchiver.Model;

/// <summary>A version to record: <see cref="Number"/> must be the latest number + 1.</summary>
public sealed record NewVersion(
    int Number,
    string TextSha256,
    int Added,
    int Removed,
    int WordsAdded,
    int WordsRemoved,
    string Extractor,
    string Rules = "",
    bool Technical = false,
    bool Ocr = false);
