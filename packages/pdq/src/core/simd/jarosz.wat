;; PDQ's hot loops in WebAssembly SIMD: luma, the Jarosz box filter passes of downsample.ts, and
;; the DCT of dct.ts.
;;
;; Every value is IEEE float32 and every operation is the reference's, in the reference's order
;; (f32x4 lanes are four independent copies of the scalar computation), so the results are
;; bit-identical to downsample.ts and to the C++ reference. Divisions are true float32 divisions.
;;
;; Layouts (byte addresses chosen by simd-downsampler.ts):
;;   "interleaved" block of 4 rows: float at (column * 4 + row), 16 bytes per column, so that
;;   one vector holds the same column of 4 rows (the running sums along rows, 4 rows at once);
;;   "row": floats at (column), padded to a multiple of 4 columns (the running sums down
;;   columns, 4 columns at once). transpose4 converts between the two.
;;
;; Assembled into jarosz-wasm.ts by `npm run build:wasm -w packages/pdq` (scripts/build-wasm.ts).
(module
  (memory (export "memory") 1)

  ;; Luma of one row of 8-bit pixels, 4 pixels per vector, into a row of floats ($groups
  ;; vectors: the last may read past the row's end; those lanes are padding, never used).
  ;; channels 3 or 4: Y = (R*0.299f + G*0.587f) + B*0.114f; channels 1: Y = sample.
  ;; Samples are 0..255, so the signed int-to-float conversion is exact and equal to the unsigned
  ;; one, and it is one instruction on x86 (the unsigned one is about eight): twice as fast a loop.
  (func $lumaRow
    (param $src i32) (param $channels i32) (param $groups i32) (param $dst i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $groups) (i32.const 4))))
    (if (i32.eq (local.get $channels) (i32.const 1))
      (then
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
          (v128.store (local.get $dst)
            (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
              (v128.load32_zero (local.get $src))))))
          (local.set $src (i32.add (local.get $src) (i32.const 4)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (br $each)))
        (return)))
    (if (i32.eq (local.get $channels) (i32.const 3))
      (then
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
          (local.set $v (v128.load (local.get $src)))
          (v128.store (local.get $dst) (f32x4.add
            (f32x4.add
              (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
                (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                  (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
              (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
                (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                  (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
            (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
              (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
          (local.set $src (i32.add (local.get $src) (i32.const 12)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
          (br $each)))
        (return)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
      (local.set $v (v128.load (local.get $src)))
      (v128.store (local.get $dst) (f32x4.add
        (f32x4.add
          (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 0 128 128 128 4 128 128 128 8 128 128 128 12 128 128 128))))
          (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 1 128 128 128 5 128 128 128 9 128 128 128 13 128 128 128)))))
        (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
          (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
            (v128.const i8x16 2 128 128 128 6 128 128 128 10 128 128 128 14 128 128 128))))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $each))))

  ;; Luma of 4 rows of 3-channel pixels at once ($r0 .. $r3: where each row starts), straight into
  ;; the interleaved block at $dst: lumaRow's arithmetic on each row, then transpose4's shuffles in
  ;; registers, so that the rows of floats are never stored and read back ($groups vectors of 4
  ;; pixels; the last may read past a row's end, into lanes that are never used).
  (func $lumaRgbRows4 (param $r0 i32) (param $r1 i32) (param $r2 i32) (param $r3 i32)
    (param $groups i32) (param $dst i32)
    (local $end i32) (local $v v128) (local $a v128) (local $b v128) (local $c v128)
    (local $d v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $groups) (i32.const 6))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
      (local.set $v (v128.load (local.get $r0)))
      (local.set $a (f32x4.add
        (f32x4.add
          (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
          (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
        (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
          (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
            (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
      (local.set $v (v128.load (local.get $r1)))
      (local.set $b (f32x4.add
        (f32x4.add
          (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
          (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
        (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
          (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
            (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
      (local.set $v (v128.load (local.get $r2)))
      (local.set $c (f32x4.add
        (f32x4.add
          (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
          (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
        (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
          (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
            (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
      (local.set $v (v128.load (local.get $r3)))
      (local.set $d (f32x4.add
        (f32x4.add
          (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
          (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
            (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
              (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
        (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
          (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
            (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128))))))
      (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
      (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
      (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d)))
      (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d)))
      (v128.store (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
      (v128.store offset=16 (local.get $dst)
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
      (v128.store offset=32 (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
      (v128.store offset=48 (local.get $dst)
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
      (local.set $r0 (i32.add (local.get $r0) (i32.const 12)))
      (local.set $r1 (i32.add (local.get $r1) (i32.const 12)))
      (local.set $r2 (i32.add (local.get $r2) (i32.const 12)))
      (local.set $r3 (i32.add (local.get $r3) (i32.const 12)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
      (br $each))))

  ;; Luma of 4 consecutive pixels in each of $count rows (stride $stride bytes from $src), one
  ;; vector per row, stored from $dst by steps of $step bytes (negative to fill backwards); with
  ;; $reverse the lanes are reversed. This reads an image's columns, for hashing it rotated by
  ;; 90 degrees without rotating its pixels first: the vectors land in the interleaved layout.
  (func $lumaColumns4
    (param $src i32) (param $stride i32) (param $channels i32) (param $count i32)
    (param $dst i32) (param $step i32) (param $reverse i32)
    (local $i i32) (local $v v128) (local $y v128)
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      (if (i32.eq (local.get $channels) (i32.const 1))
        (then
          (local.set $y (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
            (v128.load32_zero (local.get $src)))))))
        (else
          (local.set $v (v128.load (local.get $src)))
          (if (i32.eq (local.get $channels) (i32.const 3))
            (then
              (local.set $y (f32x4.add
                (f32x4.add
                  (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 0 128 128 128 3 128 128 128 6 128 128 128 9 128 128 128))))
                  (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 1 128 128 128 4 128 128 128 7 128 128 128 10 128 128 128)))))
                (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
                  (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                    (v128.const i8x16 2 128 128 128 5 128 128 128 8 128 128 128 11 128 128 128)))))))
            (else
              (local.set $y (f32x4.add
                (f32x4.add
                  (f32x4.mul (v128.const f32x4 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2 0x1.322d0ep-2)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 0 128 128 128 4 128 128 128 8 128 128 128 12 128 128 128))))
                  (f32x4.mul (v128.const f32x4 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1 0x1.2c8b44p-1)
                    (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                      (v128.const i8x16 1 128 128 128 5 128 128 128 9 128 128 128 13 128 128 128)))))
                (f32x4.mul (v128.const f32x4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4 0x1.d2f1aap-4)
                  (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v)
                    (v128.const i8x16 2 128 128 128 6 128 128 128 10 128 128 128 14 128 128 128))))))))))
      (if (local.get $reverse)
        (then
          (local.set $y (i8x16.shuffle 12 13 14 15 8 9 10 11 4 5 6 7 0 1 2 3
            (local.get $y) (local.get $y)))))
      (v128.store (local.get $dst) (local.get $y))
      (local.set $src (i32.add (local.get $src) (local.get $stride)))
      (local.set $dst (i32.add (local.get $dst) (local.get $step)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each))))

  ;; 4 rows of $groups vectors <-> one interleaved block (4x4 transposes). $toBlock = 1: rows
  ;; r0..r3 into the block; 0: the block back into rows r0..r3.
  (func $transpose4
    (param $block i32) (param $r0 i32) (param $r1 i32) (param $r2 i32) (param $r3 i32)
    (param $groups i32) (param $toBlock i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $end i32)
    (local.set $end (i32.add (local.get $block) (i32.shl (local.get $groups) (i32.const 6))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $block) (local.get $end)))
      (if (local.get $toBlock)
        (then
          (local.set $a (v128.load (local.get $r0)))
          (local.set $b (v128.load (local.get $r1)))
          (local.set $c (v128.load (local.get $r2)))
          (local.set $d (v128.load (local.get $r3))))
        (else
          (local.set $a (v128.load (local.get $block)))
          (local.set $b (v128.load offset=16 (local.get $block)))
          (local.set $c (v128.load offset=32 (local.get $block)))
          (local.set $d (v128.load offset=48 (local.get $block)))))
      (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
      (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
      (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d)))
      (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d)))
      (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
      (local.set $b (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
      (local.set $c (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
      (local.set $d (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
      (if (local.get $toBlock)
        (then
          (v128.store (local.get $block) (local.get $a))
          (v128.store offset=16 (local.get $block) (local.get $b))
          (v128.store offset=32 (local.get $block) (local.get $c))
          (v128.store offset=48 (local.get $block) (local.get $d)))
        (else
          (v128.store (local.get $r0) (local.get $a))
          (v128.store (local.get $r1) (local.get $b))
          (v128.store (local.get $r2) (local.get $c))
          (v128.store (local.get $r3) (local.get $d))))
      (local.set $block (i32.add (local.get $block) (i32.const 64)))
      (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))
      (local.set $r1 (i32.add (local.get $r1) (i32.const 16)))
      (local.set $r2 (i32.add (local.get $r2) (i32.const 16)))
      (local.set $r3 (i32.add (local.get $r3) (i32.const 16)))
      (br $each))))

  ;; Column running sums over whole rows ($vectors of 4 columns). $mode: 0 = add the entering
  ;; row, no output; 1 = add it and output; 2 = add it, subtract the leaving row (in that order)
  ;; and output; 3 = subtract the leaving row and output. The output, sums / count, is the row
  ;; at $out.
  (func $boxColumns
    (param $sums i32) (param $enter i32) (param $leave i32) (param $out i32)
    (param $vectors i32) (param $count i32) (param $mode i32)
    (local $end i32) (local $v v128) (local $divisor v128)
    (local.set $divisor (f32x4.splat (f32.convert_i32_s (local.get $count))))
    (local.set $end (i32.add (local.get $sums) (i32.shl (local.get $vectors) (i32.const 4))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $sums) (local.get $end)))
      (local.set $v (v128.load (local.get $sums)))
      (if (i32.ne (local.get $mode) (i32.const 3))
        (then
          (local.set $v (f32x4.add (local.get $v) (v128.load (local.get $enter))))
          (local.set $enter (i32.add (local.get $enter) (i32.const 16)))))
      (if (i32.ge_u (local.get $mode) (i32.const 2))
        (then
          (local.set $v (f32x4.sub (local.get $v) (v128.load (local.get $leave))))
          (local.set $leave (i32.add (local.get $leave) (i32.const 16)))))
      (v128.store (local.get $sums) (local.get $v))
      (if (local.get $mode)
        (then (v128.store (local.get $out) (f32x4.div (local.get $v) (local.get $divisor)))))
      (local.set $sums (i32.add (local.get $sums) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $each))))

  ;; Box filters along four blocks of 4 rows (interleaved, $n columns each) in one loop: blocks
  ;; $a1 and $a2 with every output into the interleaved blocks $out1 and $out2 (pass 1 along the
  ;; rows), blocks $b1 and $b2 keeping only the outputs at the 64 ascending (possibly repeated)
  ;; column indices of $samples (64 i32), as 64 interleaved vectors at $outB1 and $outB2 (pass 2
  ;; along the rows). Each is the four phases of the reference's box1DFloat; the running sums still
  ;; visit every input in its order. A running sum is a chain of dependent additions: independent
  ;; chains in one loop overlap their latencies, where one alone would leave the processor waiting.
  (func $boxRowsQuad
    (param $a1 i32) (param $out1 i32) (param $a2 i32) (param $out2 i32)
    (param $b1 i32) (param $b2 i32) (param $samples i32) (param $outB1 i32) (param $outB2 i32)
    (param $n i32) (param $window i32)
    (local $half i32) (local $sumA1 v128) (local $sumA2 v128) (local $sumB1 v128)
    (local $sumB2 v128) (local $ri i32) (local $li i32) (local $o i32) (local $count i32)
    (local $end i32) (local $s i32) (local $next i32) (local $divisor v128)
    (local.set $half (i32.shr_u (i32.add (local.get $window) (i32.const 2)) (i32.const 1)))
    (local.set $next (i32.load (local.get $samples)))
    ;; phase 1: half - 1 inputs, no output ($ri and $li: byte offsets into every block)
    (local.set $end (i32.shl (i32.sub (local.get $half) (i32.const 1)) (i32.const 4)))
    (block $p1done (loop $p1
      (br_if $p1done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sumA1 (f32x4.add (local.get $sumA1)
        (v128.load (i32.add (local.get $a1) (local.get $ri)))))
      (local.set $sumA2 (f32x4.add (local.get $sumA2)
        (v128.load (i32.add (local.get $a2) (local.get $ri)))))
      (local.set $sumB1 (f32x4.add (local.get $sumB1)
        (v128.load (i32.add (local.get $b1) (local.get $ri)))))
      (local.set $sumB2 (f32x4.add (local.get $sumB2)
        (v128.load (i32.add (local.get $b2) (local.get $ri)))))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (br $p1)))
    ;; phase 2: counts half..window
    (local.set $count (local.get $half))
    (block $p2done (loop $p2
      (br_if $p2done (i32.gt_s (local.get $count) (local.get $window)))
      (local.set $sumA1 (f32x4.add (local.get $sumA1)
        (v128.load (i32.add (local.get $a1) (local.get $ri)))))
      (local.set $sumA2 (f32x4.add (local.get $sumA2)
        (v128.load (i32.add (local.get $a2) (local.get $ri)))))
      (local.set $sumB1 (f32x4.add (local.get $sumB1)
        (v128.load (i32.add (local.get $b1) (local.get $ri)))))
      (local.set $sumB2 (f32x4.add (local.get $sumB2)
        (v128.load (i32.add (local.get $b2) (local.get $ri)))))
      (local.set $divisor (f32x4.splat (f32.convert_i32_s (local.get $count))))
      (v128.store (i32.add (local.get $out1) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sumA1) (local.get $divisor)))
      (v128.store (i32.add (local.get $out2) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sumA2) (local.get $divisor)))
      (block $emitted (loop $emit
        (br_if $emitted (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $outB1) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sumB1) (local.get $divisor)))
        (v128.store (i32.add (local.get $outB2) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sumB2) (local.get $divisor)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit)))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p2)))
    ;; phase 3: add the next input, then subtract the one leaving
    (local.set $divisor (f32x4.splat (f32.convert_i32_s (local.get $window))))
    (local.set $end (i32.shl (local.get $n) (i32.const 4)))
    (block $p3done (loop $p3
      (br_if $p3done (i32.ge_u (local.get $ri) (local.get $end)))
      (local.set $sumA1 (f32x4.sub
        (f32x4.add (local.get $sumA1) (v128.load (i32.add (local.get $a1) (local.get $ri))))
        (v128.load (i32.add (local.get $a1) (local.get $li)))))
      (local.set $sumA2 (f32x4.sub
        (f32x4.add (local.get $sumA2) (v128.load (i32.add (local.get $a2) (local.get $ri))))
        (v128.load (i32.add (local.get $a2) (local.get $li)))))
      (local.set $sumB1 (f32x4.sub
        (f32x4.add (local.get $sumB1) (v128.load (i32.add (local.get $b1) (local.get $ri))))
        (v128.load (i32.add (local.get $b1) (local.get $li)))))
      (local.set $sumB2 (f32x4.sub
        (f32x4.add (local.get $sumB2) (v128.load (i32.add (local.get $b2) (local.get $ri))))
        (v128.load (i32.add (local.get $b2) (local.get $li)))))
      (v128.store (i32.add (local.get $out1) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sumA1) (local.get $divisor)))
      (v128.store (i32.add (local.get $out2) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sumA2) (local.get $divisor)))
      (block $emitted3 (loop $emit3
        (br_if $emitted3 (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $outB1) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sumB1) (local.get $divisor)))
        (v128.store (i32.add (local.get $outB2) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sumB2) (local.get $divisor)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit3)))
      (local.set $ri (i32.add (local.get $ri) (i32.const 16)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p3)))
    ;; phase 4: subtract the leaving inputs, counts window-1 down to window-half+1
    (local.set $count (i32.sub (local.get $window) (i32.const 1)))
    (block $p4done (loop $p4
      (br_if $p4done (i32.le_s (local.get $count) (i32.sub (local.get $window) (local.get $half))))
      (local.set $sumA1 (f32x4.sub (local.get $sumA1)
        (v128.load (i32.add (local.get $a1) (local.get $li)))))
      (local.set $sumA2 (f32x4.sub (local.get $sumA2)
        (v128.load (i32.add (local.get $a2) (local.get $li)))))
      (local.set $sumB1 (f32x4.sub (local.get $sumB1)
        (v128.load (i32.add (local.get $b1) (local.get $li)))))
      (local.set $sumB2 (f32x4.sub (local.get $sumB2)
        (v128.load (i32.add (local.get $b2) (local.get $li)))))
      (local.set $divisor (f32x4.splat (f32.convert_i32_s (local.get $count))))
      (v128.store (i32.add (local.get $out1) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sumA1) (local.get $divisor)))
      (v128.store (i32.add (local.get $out2) (i32.shl (local.get $o) (i32.const 4)))
        (f32x4.div (local.get $sumA2) (local.get $divisor)))
      (block $emitted4 (loop $emit4
        (br_if $emitted4 (i32.ne (local.get $o) (local.get $next)))
        (v128.store (i32.add (local.get $outB1) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sumB1) (local.get $divisor)))
        (v128.store (i32.add (local.get $outB2) (i32.shl (local.get $s) (i32.const 4)))
          (f32x4.div (local.get $sumB2) (local.get $divisor)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $next (if (result i32) (i32.lt_u (local.get $s) (i32.const 64))
          (then (i32.load (i32.add (local.get $samples) (i32.shl (local.get $s) (i32.const 2)))))
          (else (i32.const -1))))
        (br $emit4)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (local.set $li (i32.add (local.get $li) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $p4))))

  ;; ---------------------------------------------------------------------------------------------
  ;; The whole downsampling of one image, driven from here (the kernels above are its steps), so
  ;; that a video frame costs a handful of calls from JavaScript rather than a few per row.
  ;; simd-downsampler.ts lays the memory out, writes the descriptor below, then calls
  ;; downsampleStart, downsampleRows once per band of image rows it has copied in, and
  ;; downsampleEnd, which leaves the 64x64 result at $out. The order of every float operation is
  ;; that of StreamingDownsampler.run (downsample.ts), which is the reference's per column.
  ;;
  ;; Descriptor, 23 i32 at the address given to downsampleStart (byte offsets):
  ;;   0 cols, 4 rows (of the image as displayed), 8 channels, 12 stride (bytes per stored row),
  ;;   16 orientation (EXIF 1..8), 20 window along rows, 24 window along columns,
  ;;   28 lumaRows (4 rows of floats), 32 lumaBlock, 36 rowBlock (two interleaved blocks each),
  ;;   40 ring (pass-1 rows), 44 ring rows, 48 column sums, 52 columnRows (4 rows),
  ;;   56 columnBlock (two blocks), 60 spare row, 64 sampled columns (64 i32),
  ;;   68 sampledOut (twice 64 interleaved vectors),
  ;;   72 sampled rows (64 i32), 76 second ring (window along columns + 1 rows of 64 floats),
  ;;   80 second sums (64 floats), 84 four rows of 64 floats, 88 out (64x64 floats).
  (global $cols (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))
  (global $channels (mut i32) (i32.const 0))
  (global $stride (mut i32) (i32.const 0))
  (global $orientation (mut i32) (i32.const 0))
  (global $windowAlongRows (mut i32) (i32.const 0))
  (global $windowAlongCols (mut i32) (i32.const 0))
  (global $halfAlongCols (mut i32) (i32.const 0))
  (global $groups (mut i32) (i32.const 0))
  (global $rowBytes (mut i32) (i32.const 0))
  (global $lumaRows (mut i32) (i32.const 0))
  (global $lumaBlock (mut i32) (i32.const 0))
  (global $rowBlock (mut i32) (i32.const 0))
  (global $ring (mut i32) (i32.const 0))
  (global $ringRows (mut i32) (i32.const 0))
  (global $sums (mut i32) (i32.const 0))
  (global $columnRows (mut i32) (i32.const 0))
  (global $columnBlock (mut i32) (i32.const 0))
  (global $spare (mut i32) (i32.const 0))
  (global $samples (mut i32) (i32.const 0))
  (global $sampledOut (mut i32) (i32.const 0))
  (global $sampledRows (mut i32) (i32.const 0))
  (global $secondRing (mut i32) (i32.const 0))
  (global $secondSums (mut i32) (i32.const 0))
  (global $sampledBlockRows (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  ;; Progress: rows in the first vertical window, pass-1 rows waiting in columnRows, rows handed
  ;; to the second vertical pass, rows in its window, and the next of the 64 output rows.
  (global $count (mut i32) (i32.const 0))
  (global $pending (mut i32) (i32.const 0))
  (global $emitted (mut i32) (i32.const 0))
  (global $secondCount (mut i32) (i32.const 0))
  (global $nextSample (mut i32) (i32.const 0))
  ;; Blocks (0 to 2) waiting at columnBlock for pass 2 along the rows, and their rows (1 to 4).
  (global $ready (mut i32) (i32.const 0))
  (global $firstReadyRows (mut i32) (i32.const 0))
  (global $secondReadyRows (mut i32) (i32.const 0))
  ;; The bytes of an interleaved block of 4 rows; lumaBlock, rowBlock and columnBlock hold two each.
  (global $blockBytes (mut i32) (i32.const 0))

  (func (export "downsampleStart") (param $d i32)
    (global.set $cols (i32.load offset=0 (local.get $d)))
    (global.set $rows (i32.load offset=4 (local.get $d)))
    (global.set $channels (i32.load offset=8 (local.get $d)))
    (global.set $stride (i32.load offset=12 (local.get $d)))
    (global.set $orientation (i32.load offset=16 (local.get $d)))
    (global.set $windowAlongRows (i32.load offset=20 (local.get $d)))
    (global.set $windowAlongCols (i32.load offset=24 (local.get $d)))
    (global.set $lumaRows (i32.load offset=28 (local.get $d)))
    (global.set $lumaBlock (i32.load offset=32 (local.get $d)))
    (global.set $rowBlock (i32.load offset=36 (local.get $d)))
    (global.set $ring (i32.load offset=40 (local.get $d)))
    (global.set $ringRows (i32.load offset=44 (local.get $d)))
    (global.set $sums (i32.load offset=48 (local.get $d)))
    (global.set $columnRows (i32.load offset=52 (local.get $d)))
    (global.set $columnBlock (i32.load offset=56 (local.get $d)))
    (global.set $spare (i32.load offset=60 (local.get $d)))
    (global.set $samples (i32.load offset=64 (local.get $d)))
    (global.set $sampledOut (i32.load offset=68 (local.get $d)))
    (global.set $sampledRows (i32.load offset=72 (local.get $d)))
    (global.set $secondRing (i32.load offset=76 (local.get $d)))
    (global.set $secondSums (i32.load offset=80 (local.get $d)))
    (global.set $sampledBlockRows (i32.load offset=84 (local.get $d)))
    (global.set $out (i32.load offset=88 (local.get $d)))
    (global.set $halfAlongCols
      (i32.shr_u (i32.add (global.get $windowAlongCols) (i32.const 2)) (i32.const 1)))
    (global.set $groups (i32.shr_u (i32.add (global.get $cols) (i32.const 3)) (i32.const 2)))
    (global.set $rowBytes (i32.shl (global.get $groups) (i32.const 4)))
    (global.set $blockBytes (i32.shl (global.get $groups) (i32.const 6)))
    (global.set $count (i32.const 0))
    (global.set $pending (i32.const 0))
    (global.set $emitted (i32.const 0))
    (global.set $secondCount (i32.const 0))
    (global.set $nextSample (i32.const 0))
    (global.set $ready (i32.const 0))
    ;; Running sums start at 0; the rows' padding columns (never read) are kept finite.
    (memory.fill (global.get $lumaRows) (i32.const 0)
      (i32.sub (global.get $spare) (global.get $lumaRows)))
    (memory.fill (global.get $secondSums) (i32.const 0) (i32.const 256)))

  (func $ringRow (param $y i32) (result i32)
    (i32.add (global.get $ring)
      (i32.mul (i32.rem_u (local.get $y) (global.get $ringRows)) (global.get $rowBytes))))

  (func $lumaRowAt (param $lane i32) (result i32)
    (i32.add (global.get $lumaRows) (i32.mul (local.get $lane) (global.get $rowBytes))))

  (func $columnRow (param $lane i32) (result i32)
    (i32.add (global.get $columnRows) (i32.mul (local.get $lane) (global.get $rowBytes))))

  ;; Image rows $y .. $y + $batch - 1 (displayed order, $batch 1 to 4) from $src, whose first row
  ;; is displayed row $first, as luma into the interleaved block at $block. Under orientations 5 to 8, $src is the whole stored image
  ;; and displayed rows are stored columns, read four at a time straight into the block.
  (func $fillLumaBlock (param $src i32) (param $first i32) (param $y i32) (param $batch i32)
    (param $block i32)
    (local $lane i32) (local $ascending i32) (local $column i32) (local $rowsDown i32)
    (local $storedWidth i32) (local $rowStart i32)
    (if (i32.ge_u (global.get $orientation) (i32.const 5))
      (then
        ;; Displayed row y is stored column y (5, 6) or storedWidth - 1 - y (7, 8); displayed
        ;; column x is stored row x (5, 8) or storedHeight - 1 - x (6, 7).
        (local.set $storedWidth (global.get $rows))
        (local.set $ascending (i32.le_u (global.get $orientation) (i32.const 6)))
        (local.set $column (select (local.get $y)
          (i32.sub (i32.sub (local.get $storedWidth) (i32.const 4)) (local.get $y))
          (local.get $ascending)))
        (local.set $rowsDown (i32.or (i32.eq (global.get $orientation) (i32.const 5))
          (i32.eq (global.get $orientation) (i32.const 8))))
        (call $lumaColumns4
          (i32.add (local.get $src) (i32.mul (local.get $column) (global.get $channels)))
          (global.get $stride) (global.get $channels) (global.get $cols)
          (select (local.get $block)
            (i32.add (local.get $block)
              (i32.shl (i32.sub (global.get $cols) (i32.const 1)) (i32.const 4)))
            (local.get $rowsDown))
          (select (i32.const 16) (i32.const -16) (local.get $rowsDown))
          (i32.eqz (local.get $ascending)))
        (return)))
    ;; Three channels, columns as stored (every video frame): rows read into the block directly.
    ;; Lanes past the batch read its first row again; they are never used.
    (if (i32.and (i32.eq (global.get $channels) (i32.const 3))
                 (i32.and (i32.ne (global.get $orientation) (i32.const 2))
                          (i32.ne (global.get $orientation) (i32.const 3))))
      (then
        (local.set $rowStart (i32.add (local.get $src)
          (i32.mul (i32.sub (local.get $y) (local.get $first)) (global.get $stride))))
        (call $lumaRgbRows4
          (local.get $rowStart)
          (i32.add (local.get $rowStart) (i32.mul (i32.gt_u (local.get $batch) (i32.const 1))
            (global.get $stride)))
          (i32.add (local.get $rowStart) (i32.mul (select (i32.const 2) (i32.const 0)
            (i32.gt_u (local.get $batch) (i32.const 2))) (global.get $stride)))
          (i32.add (local.get $rowStart) (i32.mul (select (i32.const 3) (i32.const 0)
            (i32.gt_u (local.get $batch) (i32.const 3))) (global.get $stride)))
          (global.get $groups) (local.get $block))
        (return)))
    (loop $lanes
      (call $lumaRow
        (i32.add (local.get $src)
          (i32.mul (i32.add (i32.sub (local.get $y) (local.get $first)) (local.get $lane))
            (global.get $stride)))
        (global.get $channels) (global.get $groups) (call $lumaRowAt (local.get $lane)))
      ;; Orientations 2 and 3 mirror each row.
      (if (i32.or (i32.eq (global.get $orientation) (i32.const 2))
                  (i32.eq (global.get $orientation) (i32.const 3)))
        (then (call $reverseFloats (call $lumaRowAt (local.get $lane)) (global.get $cols))))
      (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
      (br_if $lanes (i32.lt_u (local.get $lane) (local.get $batch))))
    (call $transpose4 (local.get $block)
      (call $lumaRowAt (i32.const 0)) (call $lumaRowAt (i32.const 1))
      (call $lumaRowAt (i32.const 2)) (call $lumaRowAt (i32.const 3))
      (global.get $groups) (i32.const 1)))

  (func $reverseFloats (param $first i32) (param $n i32)
    (local $last i32) (local $v f32)
    (local.set $last (i32.add (local.get $first)
      (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2))))
    (block $done (loop $swap
      (br_if $done (i32.ge_u (local.get $first) (local.get $last)))
      (local.set $v (f32.load (local.get $first)))
      (f32.store (local.get $first) (f32.load (local.get $last)))
      (f32.store (local.get $last) (local.get $v))
      (local.set $first (i32.add (local.get $first) (i32.const 4)))
      (local.set $last (i32.sub (local.get $last) (i32.const 4)))
      (br $swap))))

  ;; Pass 1 along the columns with one ring row entering and/or one leaving ($mode as boxColumns);
  ;; every fourth output row makes the four ready for pass 2.
  (func $passOneColumns (param $enter i32) (param $leave i32) (param $mode i32)
    (call $boxColumns (global.get $sums) (local.get $enter) (local.get $leave)
      (call $columnRow (global.get $pending)) (global.get $groups) (global.get $count)
      (local.get $mode))
    (if (i32.eqz (local.get $mode)) (then (return)))
    (global.set $pending (i32.add (global.get $pending) (i32.const 1)))
    (if (i32.eq (global.get $pending) (i32.const 4))
      (then
        (call $readyPassTwo (i32.const 4))
        (global.set $pending (i32.const 0)))))

  ;; The first $n pass-1 rows waiting become a block that pass 2 along the rows reads (the first
  ;; or second block at columnBlock). That pass runs later, in the same loop as the next rows'
  ;; pass 1 along the rows ($boxRowsQuad), or now when two blocks are waiting already (only at the
  ;; end of the image): in order either way.
  (func $readyPassTwo (param $n i32)
    (if (i32.eq (global.get $ready) (i32.const 2)) (then (call $runPassTwo)))
    (call $transpose4
      (i32.add (global.get $columnBlock) (i32.mul (global.get $ready) (global.get $blockBytes)))
      (call $columnRow (i32.const 0)) (call $columnRow (i32.const 1))
      (call $columnRow (i32.const 2)) (call $columnRow (i32.const 3))
      (global.get $groups) (i32.const 1))
    (if (global.get $ready)
      (then (global.set $secondReadyRows (local.get $n)))
      (else (global.set $firstReadyRows (local.get $n))))
    (global.set $ready (i32.add (global.get $ready) (i32.const 1))))

  ;; Pass 2 along the rows of the waiting blocks by themselves (the pass-1 pair of the loop reads
  ;; them too, and is not kept), then on along the columns.
  (func $runPassTwo
    (call $boxRowsQuad
      (global.get $columnBlock) (global.get $rowBlock)
      (global.get $columnBlock) (i32.add (global.get $rowBlock) (global.get $blockBytes))
      (global.get $columnBlock) (i32.add (global.get $columnBlock) (global.get $blockBytes))
      (global.get $samples)
      (global.get $sampledOut) (i32.add (global.get $sampledOut) (i32.const 1024))
      (global.get $cols) (global.get $windowAlongRows))
    (call $passTwoWaiting))

  ;; The waiting blocks' rows of pass 2 along the rows (64 sampled columns each, at sampledOut and
  ;; 1024 bytes further) enter pass 2 along the columns, in order.
  (func $passTwoWaiting
    (if (global.get $ready)
      (then (call $passTwoColumns (global.get $sampledOut) (global.get $firstReadyRows))))
    (if (i32.eq (global.get $ready) (i32.const 2))
      (then (call $passTwoColumns (i32.add (global.get $sampledOut) (i32.const 1024))
        (global.get $secondReadyRows))))
    (global.set $ready (i32.const 0)))

  ;; The first $n rows of one block of pass 2 along the rows (64 interleaved vectors at $from).
  (func $passTwoColumns (param $from i32) (param $n i32)
    (local $lane i32)
    (call $transpose4 (local.get $from)
      (global.get $sampledBlockRows)
      (i32.add (global.get $sampledBlockRows) (i32.const 256))
      (i32.add (global.get $sampledBlockRows) (i32.const 512))
      (i32.add (global.get $sampledBlockRows) (i32.const 768))
      (i32.const 16) (i32.const 0))
    (loop $lanes
      (call $pushSampledRow
        (i32.add (global.get $sampledBlockRows) (i32.shl (local.get $lane) (i32.const 8))))
      (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
      (br_if $lanes (i32.lt_u (local.get $lane) (local.get $n)))))

  (func $secondRingRow (param $y i32) (result i32)
    (i32.add (global.get $secondRing)
      (i32.shl (i32.rem_u (local.get $y)
        (i32.add (global.get $windowAlongCols) (i32.const 1))) (i32.const 8))))

  ;; SampledColumnFilter.push of downsample.ts: the next row (64 sampled columns) of pass 2
  ;; along the rows enters the running sums of pass 2 along the columns.
  (func $pushSampledRow (param $row i32)
    (local $y i32) (local $slot i32) (local $leaving i32) (local $c i32) (local $sum i32)
    (local.set $y (global.get $emitted))
    (global.set $emitted (i32.add (local.get $y) (i32.const 1)))
    (local.set $slot (call $secondRingRow (local.get $y)))
    (if (i32.lt_u (local.get $y) (global.get $windowAlongCols))
      (then
        (loop $columns
          (local.set $sum (i32.add (global.get $secondSums) (local.get $c)))
          (v128.store (i32.add (local.get $slot) (local.get $c))
            (v128.load (i32.add (local.get $row) (local.get $c))))
          (v128.store (local.get $sum) (f32x4.add (v128.load (local.get $sum))
            (v128.load (i32.add (local.get $row) (local.get $c)))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br_if $columns (i32.lt_u (local.get $c) (i32.const 256))))
        (global.set $secondCount (i32.add (global.get $secondCount) (i32.const 1)))
        (if (i32.ge_u (local.get $y) (i32.sub (global.get $halfAlongCols) (i32.const 1)))
          (then (call $emitSampled
            (i32.sub (local.get $y) (i32.sub (global.get $halfAlongCols) (i32.const 1))))))
        (return)))
    (local.set $leaving
      (call $secondRingRow (i32.sub (local.get $y) (global.get $windowAlongCols))))
    (loop $columns
      (local.set $sum (i32.add (global.get $secondSums) (local.get $c)))
      (v128.store (i32.add (local.get $slot) (local.get $c))
        (v128.load (i32.add (local.get $row) (local.get $c))))
      (v128.store (local.get $sum) (f32x4.sub
        (f32x4.add (v128.load (local.get $sum)) (v128.load (i32.add (local.get $row) (local.get $c))))
        (v128.load (i32.add (local.get $leaving) (local.get $c)))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $columns (i32.lt_u (local.get $c) (i32.const 256))))
    (call $emitSampled
      (i32.add (i32.sub (local.get $y) (global.get $halfAlongCols)) (i32.const 1))))

  ;; Output row $y of pass 2 along the columns: written to every one of the 64 output rows that
  ;; samples it (several when the image has fewer than 64 rows).
  (func $emitSampled (param $y i32)
    (local $c i32) (local $to i32) (local $divisor v128)
    (local.set $divisor (f32x4.splat (f32.convert_i32_s (global.get $secondCount))))
    (block $done (loop $samples
      (br_if $done (i32.ge_u (global.get $nextSample) (i32.const 64)))
      (br_if $done (i32.ne (local.get $y) (i32.load (i32.add (global.get $sampledRows)
        (i32.shl (global.get $nextSample) (i32.const 2))))))
      (local.set $to (i32.add (global.get $out) (i32.shl (global.get $nextSample) (i32.const 8))))
      (local.set $c (i32.const 0))
      (loop $columns
        (v128.store (i32.add (local.get $to) (local.get $c))
          (f32x4.div (v128.load (i32.add (global.get $secondSums) (local.get $c)))
            (local.get $divisor)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br_if $columns (i32.lt_u (local.get $c) (i32.const 256))))
      (global.set $nextSample (i32.add (global.get $nextSample) (i32.const 1)))
      (br $samples))))

  ;; Displayed rows $y0 .. $y1 - 1 ($y0 a multiple of 8; $y1 too, or the last row + 1). $src: where
  ;; row $y0 starts, its rows $stride bytes apart (orientations 1 to 4: the caller has copied them
  ;; in, upside down for 3 and 4), or the whole stored image (5 to 8). Rows go 8 at a time, two
  ;; blocks of 4, so that pass 1 along the rows runs in one loop with pass 2 along the rows of the
  ;; (up to two) blocks the previous 8 rows made ready.
  (func (export "downsampleRows") (param $src i32) (param $y0 i32) (param $y1 i32)
    (local $y i32) (local $batch i32) (local $first i32) (local $second i32) (local $row i32)
    (local.set $y (local.get $y0))
    (block $done (loop $batches
      (br_if $done (i32.ge_u (local.get $y) (local.get $y1)))
      (local.set $batch (i32.sub (global.get $rows) (local.get $y)))
      (if (i32.gt_u (local.get $batch) (i32.const 8)) (then (local.set $batch (i32.const 8))))
      (local.set $first (select (i32.const 4) (local.get $batch)
        (i32.gt_u (local.get $batch) (i32.const 4))))
      (local.set $second (i32.sub (local.get $batch) (local.get $first)))
      (call $fillLumaBlock (local.get $src) (local.get $y0) (local.get $y) (local.get $first)
        (global.get $lumaBlock))
      (if (local.get $second)
        (then (call $fillLumaBlock (local.get $src) (local.get $y0)
          (i32.add (local.get $y) (i32.const 4)) (local.get $second)
          (i32.add (global.get $lumaBlock) (global.get $blockBytes)))))
      ;; Pass 1 along these rows, and pass 2 along the rows of the blocks made ready by the last
      ;; ones (a block that is not there, luma or ready, is a stale one, and nothing of it is kept).
      (call $boxRowsQuad
        (global.get $lumaBlock) (global.get $rowBlock)
        (i32.add (global.get $lumaBlock) (global.get $blockBytes))
        (i32.add (global.get $rowBlock) (global.get $blockBytes))
        (global.get $columnBlock) (i32.add (global.get $columnBlock) (global.get $blockBytes))
        (global.get $samples)
        (global.get $sampledOut) (i32.add (global.get $sampledOut) (i32.const 1024))
        (global.get $cols) (global.get $windowAlongRows))
      (call $passTwoWaiting)
      (call $blockToRing (global.get $rowBlock) (local.get $y) (local.get $first))
      (if (local.get $second)
        (then (call $blockToRing (i32.add (global.get $rowBlock) (global.get $blockBytes))
          (i32.add (local.get $y) (i32.const 4)) (local.get $second))))
      (local.set $row (local.get $y))
      (loop $each
        (if (i32.lt_u (local.get $row) (global.get $windowAlongCols))
          (then
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (call $passOneColumns (call $ringRow (local.get $row)) (i32.const 0)
              (i32.ge_u (local.get $row) (i32.sub (global.get $halfAlongCols) (i32.const 1)))))
          (else
            (call $passOneColumns (call $ringRow (local.get $row))
              (call $ringRow (i32.sub (local.get $row) (global.get $windowAlongCols)))
              (i32.const 2))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br_if $each (i32.lt_u (local.get $row) (i32.add (local.get $y) (local.get $batch)))))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br $batches))))

  ;; The first $batch rows of an interleaved block of pass-1 rows into the ring, as rows $y...
  (func $blockToRing (param $block i32) (param $y i32) (param $batch i32)
    (call $transpose4 (local.get $block)
      (call $ringRow (local.get $y))
      (select (call $ringRow (i32.add (local.get $y) (i32.const 1))) (global.get $spare)
        (i32.gt_u (local.get $batch) (i32.const 1)))
      (select (call $ringRow (i32.add (local.get $y) (i32.const 2))) (global.get $spare)
        (i32.gt_u (local.get $batch) (i32.const 2)))
      (select (call $ringRow (i32.add (local.get $y) (i32.const 3))) (global.get $spare)
        (i32.gt_u (local.get $batch) (i32.const 3)))
      (global.get $groups) (i32.const 0)))

  ;; After the last row: the first vertical window's trailing outputs, the rows still waiting for
  ;; pass 2, and the second vertical window's trailing outputs. The result is at $out.
  (func (export "downsampleEnd")
    (local $i i32)
    (block $done (loop $trailing
      (br_if $done (i32.ge_u (local.get $i) (i32.sub (global.get $halfAlongCols) (i32.const 1))))
      (global.set $count (i32.sub (global.get $count) (i32.const 1)))
      (call $passOneColumns (i32.const 0)
        (call $ringRow (i32.add (i32.sub (global.get $rows) (global.get $windowAlongCols))
          (local.get $i)))
        (i32.const 3))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $trailing)))
    (if (global.get $pending) (then (call $readyPassTwo (global.get $pending))))
    (if (global.get $ready) (then (call $runPassTwo)))
    (local.set $i (i32.const 0))
    (block $done (loop $trailing
      (br_if $done (i32.ge_u (local.get $i) (i32.sub (global.get $halfAlongCols) (i32.const 1))))
      (call $subtractSampledRow (call $secondRingRow
        (i32.add (i32.sub (global.get $rows) (global.get $windowAlongCols)) (local.get $i))))
      (global.set $secondCount (i32.sub (global.get $secondCount) (i32.const 1)))
      (call $emitSampled (i32.add (i32.add (i32.sub (global.get $rows) (global.get $halfAlongCols))
        (i32.const 1)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $trailing))))

  (func $subtractSampledRow (param $leaving i32)
    (local $c i32) (local $sum i32)
    (loop $columns
      (local.set $sum (i32.add (global.get $secondSums) (local.get $c)))
      (v128.store (local.get $sum) (f32x4.sub (v128.load (local.get $sum))
        (v128.load (i32.add (local.get $leaving) (local.get $c)))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $columns (i32.lt_u (local.get $c) (i32.const 256)))))

  ;; PDQ's image-domain quality of quality.ts: the sum over all vertically and horizontally
  ;; adjacent pairs of |trunc(((u - v) * 100) / 255)|, each operation in float32 as the reference
  ;; does (four pairs per vector), summed as integers (at most 8064 * 100: no overflow). $a: the
  ;; 64x64 input; the last horizontal vector of a row reads one float past it, a lane masked out.
  (func (export "gradientSum") (param $a i32) (result i32)
    (local $p i32) (local $end i32) (local $row i32) (local $sums v128)
    ;; Vertical pairs: (p, p + 64 floats) over the first 63 rows.
    (local.set $p (local.get $a))
    (local.set $end (i32.add (local.get $a) (i32.const 16128)))
    (loop $vertical
      (local.set $sums (i32x4.add (local.get $sums)
        (call $gradientSteps (v128.load (local.get $p)) (v128.load offset=256 (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br_if $vertical (i32.lt_u (local.get $p) (local.get $end))))
    ;; Horizontal pairs: (p, p + 1 float) in every row, columns 0..62.
    (local.set $row (local.get $a))
    (local.set $end (i32.add (local.get $a) (i32.const 16384)))
    (loop $rows
      (local.set $p (local.get $row))
      (loop $columns
        (local.set $sums (i32x4.add (local.get $sums)
          (call $gradientSteps (v128.load (local.get $p)) (v128.load offset=4 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br_if $columns (i32.lt_u (local.get $p) (i32.add (local.get $row) (i32.const 240)))))
      ;; Columns 60..63: the pair (63, next row's 0) is not one.
      (local.set $sums (i32x4.add (local.get $sums)
        (v128.and
          (call $gradientSteps (v128.load (local.get $p)) (v128.load offset=4 (local.get $p)))
          (v128.const i32x4 -1 -1 -1 0))))
      (local.set $row (i32.add (local.get $row) (i32.const 256)))
      (br_if $rows (i32.lt_u (local.get $row) (local.get $end))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $sums)) (i32x4.extract_lane 1 (local.get $sums)))
      (i32.add (i32x4.extract_lane 2 (local.get $sums)) (i32x4.extract_lane 3 (local.get $sums)))))

  ;; |trunc(((u - v) * 100) / 255)| per lane, float32 operations; the values are at most 100.
  (func $gradientSteps (param $u v128) (param $v v128) (result v128)
    (i32x4.abs (i32x4.trunc_sat_f32x4_s
      (f32x4.div
        (f32x4.mul (f32x4.sub (local.get $u) (local.get $v)) (v128.const f32x4 100 100 100 100))
        (v128.const f32x4 255 255 255 255)))))

  ;; The 64x64 -> 16x16 DCT of dct.ts, four outputs per vector: T = D * A, then B = T * Dt. Each
  ;; lane accumulates its own sum over k = 0..63 in order, each product rounded before it is added
  ;; (no fused multiply-add), so the result is bit-identical to dct64To16. $a: the 64x64 input;
  ;; $d: the 16x64 matrix D; $dt: its 64x16 transpose; $t: 16x64 scratch; $out: 16x16.
  (func (export "dct64To16")
    (param $a i32) (param $d i32) (param $dt i32) (param $t i32) (param $out i32)
    (call $matrixProduct (local.get $d) (local.get $a) (local.get $t) (i32.const 16))
    (call $matrixProduct (local.get $t) (local.get $dt) (local.get $out) (i32.const 4)))

  ;; out (16 rows of $vectors vectors) = left (16x64) * right (64 rows of $vectors vectors),
  ;; summing over k = 0..63 in order.
  (func $matrixProduct
    (param $left i32) (param $right i32) (param $out i32) (param $vectors i32)
    (local $i i32) (local $j i32) (local $k i32) (local $sum v128) (local $row i32) (local $column i32)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $columns
        (local.set $sum (v128.const f32x4 0 0 0 0))
        (local.set $row (i32.add (local.get $left) (i32.shl (local.get $i) (i32.const 8))))
        (local.set $column (i32.add (local.get $right) (i32.shl (local.get $j) (i32.const 4))))
        (local.set $k (i32.const 0))
        (loop $terms
          (local.set $sum (f32x4.add (local.get $sum)
            (f32x4.mul
              (f32x4.splat (f32.load (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2)))))
              (v128.load (local.get $column)))))
          (local.set $column (i32.add (local.get $column) (i32.shl (local.get $vectors) (i32.const 4))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $terms (i32.lt_u (local.get $k) (i32.const 64))))
        (v128.store (local.get $out) (local.get $sum))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $columns (i32.lt_u (local.get $j) (local.get $vectors))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (i32.const 16)))))
)
