namespace PolicyArchiver.Extraction;

// Public, unlike the rest of Extraction: the public Archiving.SnapshotText returns it.
/// <summary>A document's normalised text, and whether it was read by OCR from page images (less certain than a text layer).</summary>
internal sealed record ExtractedText(string Text, bool OcrDerived = false);
