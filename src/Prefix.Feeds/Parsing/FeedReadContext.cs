using System.Text;
using System.Xml;

namespace Prefix.Feeds.Parsing;

/// <summary>The XmlReader of one parse plus the helpers every vocabulary's reader shares.</summary>
internal sealed class FeedReadContext(XmlReader reader, FeedNames names, FeedWarnings warnings)
{
    private readonly FeedNamespaces _namespaces = new();
    private readonly StringBuilder _text = new();

    public XmlReader Reader { get; } = reader;

    public FeedNames Names { get; } = names;

    public FeedWarnings Warnings { get; } = warnings;

    /// <summary>The vocabulary of the current node.</summary>
    public FeedNamespace Namespace => _namespaces.Classify(Reader.NamespaceURI);

    /// <summary>Is the current element <paramref name="atom"/> (an atom from <see cref="Names"/>)?</summary>
    public bool Is(string atom) => ReferenceEquals(Reader.LocalName, atom);

    /// <summary>
    /// Steps into the current element; false (and the element consumed) when it is empty. Pair with
    /// <see cref="NextChild"/> and the depth read before the call.
    /// </summary>
    public bool Enter()
    {
        if (Reader.IsEmptyElement)
        {
            Reader.Read();
            return false;
        }

        Reader.Read();
        return true;
    }

    /// <summary>Moves to the next child element of the element at <paramref name="depth"/>; false (end tag consumed) when there is none.</summary>
    public bool NextChild(int depth)
    {
        var reader = Reader;
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    reader.Read();
                    return false;
                case XmlNodeType.None:
                    return false;
                default:
                    reader.Read();
                    break;
            }
        }
    }

    /// <summary>Skips the current element and its content.</summary>
    public void Skip() => Reader.Skip();

    /// <summary>A trimmed attribute of the current element, or null when absent or empty.</summary>
    public string? Attribute(string name) => FieldValues.Clean(Reader.GetAttribute(name));

    /// <summary>
    /// The element's text (text and CDATA of it and its descendants, so stray HTML tags inside a description
    /// lose their markup but not their words), trimmed, null when empty; consumes the element.
    /// </summary>
    public string? ReadText()
    {
        var reader = Reader;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        var depth = reader.Depth;
        reader.Read();
        string? single = null;
        var many = false;
        while (true)
        {
            var type = reader.NodeType;
            if (type is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (!many && single is null)
                {
                    single = reader.Value;
                }
                else
                {
                    if (!many)
                    {
                        _text.Clear().Append(single);
                        many = true;
                    }

                    _text.Append(reader.Value);
                }
            }
            else if ((type == XmlNodeType.EndElement && reader.Depth == depth) || type == XmlNodeType.None)
            {
                reader.Read();
                break;
            }

            reader.Read();
        }

        return FieldValues.Clean(many ? _text.ToString() : single);
    }
}
