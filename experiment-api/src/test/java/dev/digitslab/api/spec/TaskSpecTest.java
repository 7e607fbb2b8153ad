package dev.digitslab.api.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaskSpecTest {

    @Test
    void labelsFollowTheTask() {
        assertEquals(7, new TaskSpec.Multiclass().labelOf(7));
        assertEquals(1, new TaskSpec.DigitVsRest(0).labelOf(0));
        assertEquals(0, new TaskSpec.DigitVsRest(0).labelOf(6));
        assertEquals(1, new TaskSpec.DigitVsDigit(0, 1).labelOf(1));
        assertEquals(-1, new TaskSpec.DigitVsDigit(0, 1).labelOf(5));
    }

    @Test
    void classNamesSayWhatALabelMeans() {
        assertEquals("7", new TaskSpec.Multiclass().className(7));
        assertEquals("0", new TaskSpec.DigitVsRest(0).className(1));
        assertEquals("not 0", new TaskSpec.DigitVsRest(0).className(0));
        assertEquals("1", new TaskSpec.DigitVsDigit(0, 1).className(1));
        assertEquals("0", new TaskSpec.DigitVsDigit(0, 1).className(0));
    }
}
