namespace Prefix.Feeds.Parsing;

/// <summary>What <see cref="PrologScanner"/> found before the root element.</summary>
internal readonly record struct PrologScan(DocumentKind Kind, int DoctypeStart, int DoctypeLength, bool DoctypeDeclaresEntities, bool DoctypeUnterminated)
{
    public bool HasDoctype => DoctypeLength > 0;
}
