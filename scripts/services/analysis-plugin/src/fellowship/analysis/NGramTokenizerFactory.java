package fellowship.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** The "ngram" and "edge_ngram" tokenizers, with analysis-common's token_chars classes. */
public class NGramTokenizerFactory extends AbstractTokenizerFactory {

    private final int minGram;
    private final int maxGram;
    private final boolean edge;
    private final IntPredicate tokenChar;

    public NGramTokenizerFactory(IndexSettings indexSettings, String name, Settings settings, boolean edge) {
        super(indexSettings, settings, name);
        this.minGram = settings.getAsInt("min_gram", 1);
        this.maxGram = settings.getAsInt("max_gram", 2);
        this.edge = edge;
        checkGramDifference(indexSettings, edge, minGram, maxGram);
        this.tokenChar = tokenChars(settings.getAsList("token_chars"), settings.get("custom_token_chars", ""));
    }

    static void checkGramDifference(IndexSettings indexSettings, boolean edge, int minGram, int maxGram) {
        if (edge == false && maxGram - minGram > indexSettings.getMaxNgramDiff()) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + indexSettings.getMaxNgramDiff() + "] but was [" + (maxGram - minGram)
                    + "]. This limit can be set by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                    + "] index level setting."
            );
        }
    }

    private static IntPredicate tokenChars(List<String> classes, String custom) {
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate accept = c -> false;
        for (String characterClass : classes) {
            IntPredicate next = switch (characterClass.toLowerCase(Locale.ROOT)) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> c -> custom.indexOf(c) >= 0;
                default -> throw new IllegalArgumentException("Unknown token type: '" + characterClass + "'");
            };
            accept = accept.or(next);
        }
        return accept;
    }

    @Override
    public Tokenizer create() {
        if (tokenChar == null) {
            return edge ? new EdgeNGramTokenizer(minGram, maxGram) : new NGramTokenizer(minGram, maxGram);
        }
        IntPredicate accept = tokenChar;
        if (edge) {
            return new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return accept.test(chr);
                }
            };
        }
        return new NGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return accept.test(chr);
            }
        };
    }
}
