using System.Runtime.CompilerServices;
using System.Xml;
using Prefix.Feeds.Urls;

namespace Feed.Updater.Registration.Import;

/// <summary>
/// Every <c>outline</c> element with an <c>xmlUrl</c> (or else <c>url</c>) attribute, at any depth
/// (OPML 2.0 "subscription lists"; apps nest them in folders). Streamed through <see cref="XmlReader"/> with
/// DTDs prohibited and no resolver, so entity tricks (XXE, billion laughs) fail instead of expanding.
/// XML cannot be resynchronised after an error, so the first error ends the import with one rejection.
/// </summary>
internal static class OpmlOutlineReader
{
    /// <summary>Most bytes one tag or text node may take (see <see cref="TokenLimitStream"/>).</summary>
    public const int MaxTokenBytes = 1024 * 1024;

    public static async IAsyncEnumerable<ImportLine> ReadAsync(
        Stream body,
        bool allowCredentials,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        using var reader = XmlReader.Create(new TokenLimitStream(body, MaxTokenBytes), settings);
        var lineInfo = (IXmlLineInfo)reader;
        var lastLine = 1L;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? failure = null;
            var failureLine = 0L;
            var more = false;
            try
            {
                more = await reader.ReadAsync().ConfigureAwait(false);
            }
            catch (XmlException e)
            {
                failure = Describe(e);
                failureLine = e.LineNumber;
            }
            catch (ImportTokenTooLongException e)
            {
                failure = e.Message + " The rest of the file was not read.";
            }

            if (failure is not null)
            {
                // Some errors (a prohibited DTD) carry no position; the last node read is then the best place to point at.
                yield return ImportLine.Reject(failureLine > 0 ? failureLine : lastLine, failure);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            lastLine = Math.Max(lastLine, lineInfo.LineNumber);

            if (reader.NodeType != XmlNodeType.Element || !reader.LocalName.Equals("outline", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var url = Attribute(reader, "xmlUrl") ?? Attribute(reader, "url");
            if (url is not null)
            {
                yield return ImportLine.From(lineInfo.LineNumber, FeedUrlRules.Check(url, allowCredentials));
            }
        }
    }

    private static string? Attribute(XmlReader reader, string name)
    {
        // Exporters disagree on case (xmlUrl, xmlurl, XMLURL); OPML itself is case-sensitive but nothing else uses these names.
        if (reader.GetAttribute(name) is { } exact)
        {
            return exact;
        }

        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static string Describe(XmlException e) =>
        e.Message.Contains("DTD", StringComparison.Ordinal)
            ? "The OPML declares a DTD (<!DOCTYPE ...>); DTDs are refused because they allow entity attacks (XXE). Remove the DOCTYPE and import again."
            : $"The OPML is not well-formed XML, so the rest of the file was not read: {e.Message}";
}
