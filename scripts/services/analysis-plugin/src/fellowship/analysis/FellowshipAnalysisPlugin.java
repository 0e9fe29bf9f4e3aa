package fellowship.analysis;

import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;

/**
 * The analysis components Fellowship Hub's index settings use that Elasticsearch's own
 * analysis-common module would provide. The integ-test-zip published on Maven Central ships
 * without that module, so the test server loads this plugin instead; the names and settings
 * match analysis-common's, and the token streams come from the same Lucene classes, so the
 * same index settings work unchanged on a full distribution.
 */
public class FellowshipAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "stemmer", StemmerFilterFactory::new,
            "asciifolding", AsciiFoldingFilterFactory::new,
            "ngram", (indexSettings, env, name, settings) -> new NGramFilterFactory(indexSettings, name, settings, false),
            "edge_ngram", (indexSettings, env, name, settings) -> new NGramFilterFactory(indexSettings, name, settings, true),
            "synonym_graph", AnalysisPlugin.requiresAnalysisSettings(SynonymGraphFilterFactory::new)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "ngram", (indexSettings, env, name, settings) -> new NGramTokenizerFactory(indexSettings, name, settings, false),
            "edge_ngram", (indexSettings, env, name, settings) -> new NGramTokenizerFactory(indexSettings, name, settings, true)
        );
    }
}
