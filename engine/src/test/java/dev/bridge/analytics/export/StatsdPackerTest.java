package dev.bridge.analytics.export;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Packing line units into datagrams: whole units, in order, never above the size, too-long units counted. */
class StatsdPackerTest
{
    private final List<String> packets = new ArrayList<>();
    private final StatsdPacker packer = new StatsdPacker(32, packet ->
        packets.add(StandardCharsets.UTF_8.decode(packet).toString()));

    @Test
    void shouldFillPacketsWithWholeLinesInOrder()
    {
        for (int i = 0; i < 6; i++)
        {
            packer.add("metric_" + i + ":" + i + "|c"); // 12 bytes + LF
        }
        packer.flush();

        assertEquals(List.of("metric_0:0|c\nmetric_1:1|c\n", "metric_2:2|c\nmetric_3:3|c\n",
            "metric_4:4|c\nmetric_5:5|c\n"), packets);
        assertEquals(3, packer.packets());
        assertEquals(6, packer.lines());
    }

    @Test
    void shouldFillAPacketToExactlyItsSize()
    {
        packer.add("a".repeat(20) + ":1|c"); // 24 + LF = 25
        packer.add("b:1|g");                 // 5 + LF = 6: 31
        packer.add("");                      // LF: 32, full
        packer.add("c:1|c");
        packer.flush();

        assertEquals(List.of("a".repeat(20) + ":1|c\nb:1|g\n\n", "c:1|c\n"), packets);
        packets.forEach(p -> assertEquals(true, p.getBytes(StandardCharsets.UTF_8).length <= 32, p));
    }

    @Test
    void shouldCountAndDropALineLongerThanAPacket()
    {
        packer.add("short:1|c");
        packer.add("x".repeat(28) + ":1|c"); // 32 + LF = 33 > 32
        packer.add("after:2|c");
        packer.flush();

        assertEquals(List.of("short:1|c\nafter:2|c\n"), packets);
        assertEquals(1, packer.droppedLines());
        assertEquals(2, packer.lines());
    }

    @Test
    void shouldKeepTheTwoLinesOfANegativeGaugeInOnePacket()
    {
        packer.add("pad_pad_pad_pad:1|c");     // 19 + LF = 20
        packer.add("g:0|g\ng:-5|g");            // 12 + LF = 13: would make 33, goes to the next packet whole
        packer.flush();

        assertEquals(List.of("pad_pad_pad_pad:1|c\n", "g:0|g\ng:-5|g\n"), packets);
    }

    @Test
    void shouldCountMultiByteCharactersAsTheirUtf8Bytes()
    {
        packer.add("é".repeat(14) + ":1|c"); // 28 bytes + 4 + LF = 33 > 32
        packer.flush();

        assertEquals(List.of(), packets);
        assertEquals(1, packer.droppedLines());
    }

    @Test
    void shouldSendNothingWhenEmpty()
    {
        packer.flush();

        assertEquals(List.of(), packets);
        assertEquals(0, packer.packets());
    }
}
