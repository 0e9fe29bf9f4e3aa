package fellowship.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * The "synonym_graph" token filter with Solr-format rules, given inline ("synonyms") or in a file
 * under the config directory ("synonyms_path"). As in analysis-common, the rules are analysed by
 * the tokenizer and filters that come before this filter in the analyser.
 */
public class SynonymGraphFilterFactory extends AbstractTokenFilterFactory {

    private final Environment environment;
    private final Settings settings;
    private final boolean expand;
    private final boolean lenient;

    public SynonymGraphFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name, settings);
        this.environment = environment;
        this.settings = settings;
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
        String format = settings.get("format", "solr");
        if (format.equals("solr") == false) {
            throw new IllegalArgumentException("synonym format [" + format + "] is not in the test server's analysis plugin: use solr");
        }
        if (settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException("synonyms_set is not in the test server's analysis plugin: use synonyms or synonyms_path");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialise this factory before using it");
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        Analyzer rulesAnalyzer = new CustomAnalyzer(
            tokenizer,
            charFilters.toArray(new CharFilterFactory[0]),
            previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
        );
        SynonymMap synonyms = buildSynonyms(rulesAnalyzer);
        String filterName = name();
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return filterName;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                return synonyms.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, synonyms, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                // One synonym filter must not rewrite the rules of the next one.
                return IDENTITY_FILTER;
            }
        };
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        return IDENTITY_FILTER;
    }

    private SynonymMap buildSynonyms(Analyzer rulesAnalyzer) {
        SolrSynonymParser parser = new SolrSynonymParser(true, expand, rulesAnalyzer) {
            @Override
            public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
                try {
                    return super.analyze(text, reuse);
                } catch (IllegalArgumentException e) {
                    // lenient: a word that analyses to nothing (a stop word, say) is dropped, not fatal.
                    if (lenient) {
                        return new CharsRef();
                    }
                    throw e;
                }
            }

            @Override
            public void add(CharsRef input, CharsRef output, boolean includeOrig) {
                if (input.length > 0 && output.length > 0) {
                    super.add(input, output, includeOrig);
                }
            }
        };
        try (Reader rules = rulesReader()) {
            parser.parse(rules);
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read the synonym rules of [" + name() + "]", e);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("failed to parse the synonym rules of [" + name() + "]: " + e.getMessage(), e);
        }
    }

    private Reader rulesReader() {
        if (settings.getAsList("synonyms", null) != null) {
            return new StringReader(String.join("\n", settings.getAsList("synonyms")));
        }
        if (settings.get("synonyms_path") != null) {
            return Analysis.getReaderFromFile(environment, settings.get("synonyms_path"), "synonyms_path");
        }
        throw new IllegalArgumentException("synonym requires either `synonyms` or `synonyms_path` to be configured");
    }
}
