package dev.digitslab.comparison.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How the reference's and the candidate's test predictions relate for one spec and seed. (In results.json the
 * counts keep the names of the implementations that hold the roles.)
 *
 * @param agreement          fraction of test images both predict the same class for
 * @param referenceOnlyRight images only the reference model gets right (McNemar's b)
 * @param candidateOnlyRight images only the candidate model gets right (McNemar's c)
 * @param mcNemarP           exact two-sided McNemar p-value
 */
@JsonPropertyOrder({"spec", "seed", "agreement", "frameworkOnlyRight", "scratchOnlyRight", "mcNemarP"}) // as saved so far
public record PairComparison(String spec, long seed, double agreement,
                             @JsonProperty("frameworkOnlyRight") long referenceOnlyRight,
                             @JsonProperty("scratchOnlyRight") long candidateOnlyRight, double mcNemarP) {
}
