package fellowship.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** The "ngram" and "edge_ngram" token filters, used by Wagtail's autocomplete fields. */
public class NGramFilterFactory extends AbstractTokenFilterFactory {

    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;
    private final boolean edge;

    public NGramFilterFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
        super(name, settings);
        this.minGram = settings.getAsInt("min_gram", 1);
        this.maxGram = settings.getAsInt("max_gram", 2);
        this.preserveOriginal = settings.getAsBoolean("preserve_original", false);
        this.edge = edge;
        NGramTokenizerFactory.checkGramDifference(indexSettings, edge, minGram, maxGram);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return edge
            ? new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal)
            : new NGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
    }

    @Override
    public boolean breaksFastVectorHighlighter() {
        return true;
    }
}
