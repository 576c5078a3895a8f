<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AnalysisActions</name>
    <message>
        <location filename="../../workbench/ui/actions/analysis.py" line="19"/>
        <source>&amp;Analysis…</source>
        <translation>&amp;Phân tích…</translation>
    </message>
</context>
<context>
    <name>AnalysisDialog</name>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="88"/>
        <source>Analysis of {0}</source>
        <translation>Phân tích {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="97"/>
        <source>Segments</source>
        <translation>Đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="98"/>
        <source>Words</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="99"/>
        <source>Characters</source>
        <translation>Ký tự</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="100"/>
        <source>Characters without spaces</source>
        <translation>Ký tự không kể khoảng trắng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="106"/>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="116"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="122"/>
        <source>Bands and progress in:</source>
        <translation>Mức khớp và tiến độ cho:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="124"/>
        <source>Count:</source>
        <translation>Đếm:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="128"/>
        <source>&amp;Copy</source>
        <translation>&amp;Sao chép</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="129"/>
        <source>&amp;Save as CSV…</source>
        <translation>&amp;Lưu thành CSV…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="151"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="152"/>
        <source>Repetitions</source>
        <translation>Đoạn lặp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="153"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="154"/>
        <source>95–99%</source>
        <translation>95–99%</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="155"/>
        <source>85–94%</source>
        <translation>85–94%</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="156"/>
        <source>75–84%</source>
        <translation>75–84%</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="157"/>
        <source>50–74%</source>
        <translation>50–74%</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="158"/>
        <source>No match</source>
        <translation>Không khớp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="159"/>
        <source>MT drafts</source>
        <translation>Bản nháp MT</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="160"/>
        <source>Translated</source>
        <translation>Đã dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="161"/>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="163"/>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="185"/>
        <source>Counting words and looking up every sentence in the memories…</source>
        <translation>Đang đếm từ và tra từng câu trong bộ nhớ dịch…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="210"/>
        <source>{0} segments for translation ({1} words), {2} of them repetitions; {3} not for translation. A repetition is a sentence seen earlier in the project: it counts once, in the band of its first occurrence. Bands: the best match in the project&apos;s and the shared memory.</source>
        <translation>{0} đoạn cần dịch ({1} từ), trong đó {2} đoạn lặp; {3} đoạn không cần dịch. Đoạn lặp là câu đã gặp trước đó trong dự án: chỉ tính một lần, ở mức khớp của lần xuất hiện đầu tiên. Mức khớp: kết quả khớp tốt nhất trong bộ nhớ của dự án và bộ nhớ dùng chung.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="219"/>
        <source>The analysis failed.</source>
        <translation>Phân tích thất bại.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="220"/>
        <source>Analysis failed</source>
        <translation>Phân tích thất bại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="224"/>
        <source>The analysis was cancelled.</source>
        <translation>Đã hủy phân tích.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="245"/>
        <source>Save the analysis</source>
        <translation>Lưu kết quả phân tích</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="245"/>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="253"/>
        <source>The analysis was not saved</source>
        <translation>Kết quả phân tích chưa được lưu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/analysis_dialog.py" line="255"/>
        <source>Saved {0}</source>
        <translation>Đã lưu {0}</translation>
    </message>
</context>
<context>
    <name>CheckReportDialog</name>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="36"/>
        <source>Quality checks</source>
        <translation>Kiểm tra chất lượng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="40"/>
        <source>{0} errors, {1} warnings, {2} notes</source>
        <translation>{0} lỗi, {1} cảnh báo, {2} lưu ý</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="45"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="45"/>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="45"/>
        <source>Check</source>
        <translation>Phép kiểm tra</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="45"/>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="45"/>
        <source>Segment</source>
        <translation>Đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="57"/>
        <source>&amp;Ignore with a reason…</source>
        <translation>&amp;Bỏ qua, kèm lý do…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="76"/>
        <source>Ignore this finding</source>
        <translation>Bỏ qua phát hiện này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/check_report_dialog.py" line="76"/>
        <source>Why is it fine?</source>
        <translation>Vì sao không sao?</translation>
    </message>
</context>
<context>
    <name>ConcordanceActions</name>
    <message>
        <location filename="../../workbench/ui/actions/concordance.py" line="21"/>
        <source>&amp;Concordance…</source>
        <translation>Tra &amp;ngữ cảnh…</translation>
    </message>
</context>
<context>
    <name>ConcordanceDialog</name>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="122"/>
        <source>Concordance</source>
        <extracomment>the search whose results are awaited (an older one&apos;s are dropped)</extracomment>
        <translation>Tra ngữ cảnh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="125"/>
        <source>Words to find in the project and the memories</source>
        <translation>Các từ cần tìm trong dự án và bộ nhớ dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="127"/>
        <source>Ignore &amp;diacritics</source>
        <translation>Bỏ qua &amp;dấu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="128"/>
        <source>van hoa finds văn hóa, and d finds đ</source>
        <translation>van hoa tìm được văn hóa, và d tìm được đ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="145"/>
        <source>Choose a result: select a phrase of it here to insert it</source>
        <translation>Chọn một kết quả: chọn một cụm từ của nó ở đây để chèn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="146"/>
        <source>&amp;Insert at the cursor</source>
        <translation>&amp;Chèn tại con trỏ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="149"/>
        <source>The text selected below, or the whole translation into the language you are working in (Ctrl+Enter)</source>
        <translation>Đoạn chữ được chọn bên dưới, hoặc toàn bộ bản dịch sang ngôn ngữ bạn đang làm (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="160"/>
        <source>&amp;Find:</source>
        <translation>&amp;Tìm:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="215"/>
        <source>Type or select some words and press Ctrl+K.</source>
        <translation>Gõ hoặc chọn vài từ rồi nhấn Ctrl+K.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="259"/>
        <source> (punctuation and symbols are ignored: the words are searched)</source>
        <translation> (dấu câu và ký hiệu được bỏ qua: chỉ tìm các từ)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="264"/>
        <source> Scan limit reached: older hits not searched.</source>
        <translation> Đã đến giới hạn quét: các kết quả cũ hơn chưa được tìm.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="266"/>
        <source>Found nowhere in the project or the memories.</source>
        <translation>Không tìm thấy trong dự án hay trong bộ nhớ dịch.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="268"/>
        <source>{0} found, newest first.</source>
        <translation>Tìm thấy {0}, mới nhất trước.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="308"/>
        <source>Choose a result with a translation, or select a phrase of it below.</source>
        <translation>Chọn một kết quả có bản dịch, hoặc chọn một cụm từ của nó bên dưới.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="311"/>
        <source>Open a translation cell to insert into it.</source>
        <translation>Hãy mở một ô bản dịch để chèn vào.</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="69"/>
        <source>From</source>
        <extracomment>QSettings key of the diacritic-blind choice milliseconds of quiet typing before the search runs</extracomment>
        <translation>Nguồn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="69"/>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/concordance_dialog.py" line="69"/>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="46"/>
        <source>Team conflicts</source>
        <translation>Xung đột của nhóm</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="59"/>
        <source>Edit a text here and use it (Ctrl+Enter)</source>
        <translation>Sửa một bản dịch ở đây rồi dùng nó (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="60"/>
        <source>&amp;Keep this text</source>
        <translation>&amp;Giữ bản này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="61"/>
        <source>Keep the &amp;other text</source>
        <translation>Giữ bản &amp;kia</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="62"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="63"/>
        <source>&amp;Use the edited text</source>
        <translation>&amp;Dùng bản đã sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="105"/>
        <source>No open conflicts (as of the last sync).</source>
        <translation>Không còn xung đột nào (theo lần đồng bộ gần nhất).</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="107"/>
        <source>{0} segment(s) changed on two desktops since they last synced.</source>
        <translation>{0} đoạn đã được sửa trên hai máy kể từ lần đồng bộ trước.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="109"/>
        <source>Choose the text to keep: the server lets the project&apos;s editors settle them.</source>
        <translation>Chọn bản dịch cần giữ: máy chủ chỉ cho biên tập viên của dự án giải quyết.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="136"/>
        <source> (this desktop)</source>
        <translation> (máy này)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="137"/>
        <source>Kept by the server</source>
        <translation>Máy chủ đang giữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="137"/>
        <source>The other text</source>
        <translation>Bản kia</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/conflicts_dialog.py" line="161"/>
        <source>Sending the choice to the team server…</source>
        <translation>Đang gửi lựa chọn lên máy chủ nhóm…</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../workbench/ui/document_list.py" line="25"/>
        <source>Document</source>
        <extracomment>a progress bar&apos;s column (&quot;1234/5678&quot; fits), and the most the list asks for however long a name is</extracomment>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/document_list.py" line="44"/>
        <source>All documents</source>
        <translation>Tất cả tài liệu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/document_list.py" line="98"/>
        <source>{0} of {1} segments translated or approved</source>
        <translation>{0}/{1} đoạn đã dịch hoặc đã duyệt</translation>
    </message>
</context>
<context>
    <name>DraftNotesView</name>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="50"/>
        <source>Machine back-translation into {0} (model {1}):</source>
        <extracomment>how the flag of a glossary term the draft still lacks starts (the QA check term-not-used&apos;s wording)</extracomment>
        <translation>Bản dịch ngược bằng máy sang {0} (mô hình {1}):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="55"/>
        <source>No model can translate {0} into {1}</source>
        <translation>Không có mô hình nào dịch được {0} sang {1}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="59"/>
        <source>No back-translation yet</source>
        <translation>Chưa có bản dịch ngược</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="65"/>
        <source>Machine draft</source>
        <translation>Bản nháp máy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="103"/>
        <source>Left out of the cell as a poor draft; the suggestions offer it.</source>
        <extracomment>whether an installed model can translate a language into the source language (None: not known) False when the user turned back-translation off in the settings</extracomment>
        <translation>Bị để ngoài ô vì là bản nháp kém; phần gợi ý vẫn có nó.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="106"/>
        <source>About the machine draft of {0}; the cell was changed since.</source>
        <translation>Về bản nháp máy lúc {0}; ô đã được sửa từ đó.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="119"/>
        <source>Quality not estimated yet</source>
        <translation>Chưa ước lượng chất lượng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="124"/>
        <source>Edit rules applied:</source>
        <translation>Quy tắc sửa đã áp dụng:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/draft_notes_view.py" line="141"/>
        <source>Glossary terms enforced: {0}</source>
        <translation>Thuật ngữ bắt buộc đã dùng: {0}</translation>
    </message>
</context>
<context>
    <name>EditRulesDialog</name>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="140"/>
        <source>Edit rules</source>
        <translation>Quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="144"/>
        <source>Regular expressions applied in this order: source rules to the Vietnamese before machine translation, output rules to the draft after it. A change applies to the next pre-translation; drafts already made stay as they are.</source>
        <translation>Các biểu thức chính quy được áp dụng theo thứ tự này: quy tắc nguồn cho tiếng Việt trước khi dịch máy, quy tắc đầu ra cho bản nháp sau đó. Thay đổi có hiệu lực từ lần dịch trước tiếp theo; các bản nháp đã có giữ nguyên.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="152"/>
        <source>Stage</source>
        <translation>Giai đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="152"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="152"/>
        <source>Pattern</source>
        <translation>Mẫu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="152"/>
        <source>Replacement</source>
        <translation>Thay bằng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="152"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="153"/>
        <source>On</source>
        <translation>Bật</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="166"/>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="167"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="168"/>
        <source>&amp;Remove</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="169"/>
        <source>Move &amp;up</source>
        <translation>Chuyển &amp;lên</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="170"/>
        <source>Move &amp;down</source>
        <translation>Chuyển &amp;xuống</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="174"/>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Nhập CSV…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="175"/>
        <source>E&amp;xport CSV…</source>
        <translation>&amp;Xuất CSV…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="177"/>
        <source>Test the rules on a sample</source>
        <translation>Thử các quy tắc trên một câu mẫu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="180"/>
        <source>a Vietnamese sentence, as the source rules see it</source>
        <translation>một câu tiếng Việt, như quy tắc nguồn nhìn thấy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="182"/>
        <source>a draft in the chosen language, as the output rules see it</source>
        <translation>một bản nháp bằng ngôn ngữ đã chọn, như quy tắc đầu ra nhìn thấy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="189"/>
        <source>Source:</source>
        <translation>Nguồn:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="190"/>
        <source>Output:</source>
        <translation>Đầu ra:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="192"/>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="192"/>
        <source>Before</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="192"/>
        <source>After</source>
        <translation>Sau</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="235"/>
        <source>source</source>
        <translation>nguồn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="235"/>
        <source>output</source>
        <translation>đầu ra</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="236"/>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="269"/>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="281"/>
        <source>Cannot change the edit rules</source>
        <translation>Không thể thay đổi quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="327"/>
        <source>Import edit rules</source>
        <translation>Nhập quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="327"/>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="343"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="334"/>
        <source>Cannot import the edit rules</source>
        <translation>Không thể nhập quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="338"/>
        <source>{0}: {1} rules read, {2} added</source>
        <translation>{0}: đã đọc {1} quy tắc, thêm {2}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="343"/>
        <source>Export edit rules</source>
        <translation>Xuất quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="351"/>
        <source>Cannot export the edit rules</source>
        <translation>Không thể xuất quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="353"/>
        <source>{0}: {1} rules written</source>
        <translation>{0}: đã ghi {1} quy tắc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="372"/>
        <source>skipped: {0}</source>
        <translation>bỏ qua: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="367"/>
        <source>(no match)</source>
        <translation>(không khớp)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="378"/>
        <source>Source after the rules: {0}</source>
        <translation>Nguồn sau các quy tắc: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="383"/>
        <source>Output after the rules: {0}</source>
        <translation>Đầu ra sau các quy tắc: {0}</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="128"/>
        <source>Confirm segment</source>
        <extracomment>typed text is saved this long after the last key... ...and at the latest this long after the first unsaved key, even while typing goes on the shared memory a confirmed text teaches (the same core rule as approvals and merges) how a confirmed text fills its repetitions (&quot;translated&quot;, &quot;draft&quot;, &quot;off&quot;: Settings.propagate_repetitions)</extracomment>
        <translation>Xác nhận đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="128"/>
        <source>Edit segment</source>
        <translation>Sửa đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="131"/>
        <source>Confirm segment and {0} repetitions</source>
        <translation>Xác nhận đoạn và {0} đoạn lặp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="164"/>
        <source>1 repetition filled</source>
        <translation>Đã điền 1 đoạn lặp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="164"/>
        <source>{0} repetitions filled</source>
        <translation>Đã điền {0} đoạn lặp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="165"/>
        <source>{0}, {1} left: a person&apos;s text</source>
        <translation>{0}, để nguyên {1}: văn bản do người viết</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editing_controller.py" line="172"/>
        <source>Replace in {0} segments</source>
        <translation>Thay thế trong {0} đoạn</translation>
    </message>
</context>
<context>
    <name>EditorPane</name>
    <message>
        <location filename="../../workbench/ui/editor_pane.py" line="54"/>
        <source>The source; select words here, then Ctrl+T adds a glossary term</source>
        <extracomment>Esc in the editor: the typed text was dropped (as Esc drops it in a cell); the grid takes the keys again</extracomment>
        <translation>Văn bản nguồn; chọn từ ở đây, rồi Ctrl+T để thêm thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editor_pane.py" line="103"/>
        <source>Type the {0} translation</source>
        <translation>Gõ bản dịch {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editor_pane.py" line="105"/>
        <source>Choose an English or Khmer cell to translate it here.</source>
        <translation>Chọn một ô tiếng Anh hoặc tiếng Khmer để dịch tại đây.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editor_pane.py" line="162"/>
        <source>No segment chosen</source>
        <translation>Chưa chọn đoạn nào</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editor_pane.py" line="170"/>
        <source>{0} · source</source>
        <translation>{0} · nguồn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/editor_pane.py" line="171"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="66"/>
        <source>Measure models on your texts</source>
        <extracomment>an evaluation ended: &quot;finished&quot;, &quot;cancelled&quot; or &quot;failed&quot;</extracomment>
        <translation>Đo các mô hình trên văn bản của bạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="74"/>
        <source>Cancelled: the unfinished candidate was not kept</source>
        <translation>Đã hủy: ứng viên chưa xong không được lưu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="80"/>
        <source>Two aligned files (FLORES-200 layout)</source>
        <translation>Hai tệp song song (kiểu FLORES-200)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="81"/>
        <source>A TMX file</source>
        <translation>Một tệp TMX</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="83"/>
        <source>Approved segments of {0}</source>
        <translation>Các đoạn đã duyệt của {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="84"/>
        <source>Vietnamese file, one segment per line</source>
        <translation>Tệp tiếng Việt, mỗi dòng một đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="85"/>
        <source>Its translation, line by line</source>
        <translation>Bản dịch của nó, từng dòng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="86"/>
        <source>TMX file</source>
        <translation>Tệp TMX</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="92"/>
        <source>all</source>
        <translation>tất cả</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="96"/>
        <source>Reference:</source>
        <translation>Tham chiếu:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="97"/>
        <source>Sources:</source>
        <translation>Nguồn:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="98"/>
        <source>References:</source>
        <translation>Bản tham chiếu:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="99"/>
        <source>TMX:</source>
        <translation>TMX:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="100"/>
        <source>Target language:</source>
        <translation>Ngôn ngữ đích:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="101"/>
        <source>Segments (first N):</source>
        <translation>Số đoạn (N đoạn đầu):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="102"/>
        <source>Candidates:</source>
        <translation>Ứng viên:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="106"/>
        <source>&amp;Run</source>
        <translation>&amp;Chạy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="107"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="113"/>
        <source>Candidate</source>
        <translation>Ứng viên</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="113"/>
        <source>Licence</source>
        <translation>Giấy phép</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="113"/>
        <source>chrF</source>
        <translation>chrF</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="113"/>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="113"/>
        <source>Segments</source>
        <translation>Số đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="114"/>
        <source>tok/s</source>
        <translation>token/giây</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="114"/>
        <source>Peak MB</source>
        <translation>Bộ nhớ tối đa (MB)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="114"/>
        <source>Published</source>
        <translation>Đã công bố</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="114"/>
        <source>Reference</source>
        <translation>Tham chiếu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="114"/>
        <source>Measured</source>
        <translation>Đo được</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="149"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="159"/>
        <source>Reference file</source>
        <translation>Tệp tham chiếu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="194"/>
        <source>&amp;Use for {0}</source>
        <translation>&amp;Dùng cho {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="247"/>
        <source>{0} now drafts {1}</source>
        <translation>Từ nay {0} dịch nháp sang {1}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="256"/>
        <source>Choose the Vietnamese file and its translation</source>
        <translation>Chọn tệp tiếng Việt và bản dịch của nó</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="260"/>
        <source>Choose a TMX file</source>
        <translation>Chọn một tệp TMX</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="270"/>
        <source>Tick at least one candidate</source>
        <translation>Hãy đánh dấu ít nhất một ứng viên</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="272"/>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="304"/>
        <source>Measure models</source>
        <translation>Đo các mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="283"/>
        <source>Reading the reference set…</source>
        <translation>Đang đọc bộ tham chiếu…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="291"/>
        <source>Stopping after the current batch…</source>
        <translation>Sẽ dừng sau lô hiện tại…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="297"/>
        <source>Translating with {0}… {1}/{2}</source>
        <translation>Đang dịch bằng {0}… {1}/{2}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="301"/>
        <source>Failed: {0}</source>
        <translation>Thất bại: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/evaluation_dialog.py" line="315"/>
        <source>Please wait: cancel the measurement first</source>
        <translation>Xin chờ: hãy hủy phép đo trước</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="48"/>
        <source>Hand off to a translator elsewhere</source>
        <translation>Giao cho người dịch ở nơi khác</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="48"/>
        <location filename="../../workbench/ui/export_dialog.py" line="104"/>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="51"/>
        <source>PO (gettext)</source>
        <translation>PO (gettext)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="51"/>
        <source>XLIFF 1.2</source>
        <translation>XLIFF 1.2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="51"/>
        <source>TMX 1.4b (every language)</source>
        <translation>TMX 1.4b (mọi ngôn ngữ)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="52"/>
        <source>CSV (spreadsheet)</source>
        <translation>CSV (bảng tính)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="52"/>
        <source>Plain text</source>
        <translation>Văn bản thuần</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="52"/>
        <source>Word document</source>
        <translation>Tài liệu Word</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="53"/>
        <source>Web page</source>
        <translation>Trang web</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="62"/>
        <source>The whole project</source>
        <translation>Toàn bộ dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="67"/>
        <source>Include translated text not yet approved (fuzzy in PO)</source>
        <translation>Gồm cả bản dịch chưa được duyệt (đánh dấu fuzzy trong PO)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="69"/>
        <source>the Vietnamese source</source>
        <translation>bản gốc tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="70"/>
        <source>a visible placeholder</source>
        <translation>một dấu giữ chỗ dễ thấy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="72"/>
        <source>Leave out not-for-translation text (captions, bylines, text marked by hand)</source>
        <translation>Bỏ phần không cần dịch (chú thích ảnh, tên tác giả, phần đánh dấu bằng tay)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="76"/>
        <source>Otherwise it goes out as it stands in the source. Page furniture (menus, contact details, copyright lines, style sheets) is always left out, and the report lists it; figures and dates in digits always stay.</source>
        <translation>Nếu không, phần đó được xuất nguyên như trong bản gốc. Thành phần trang (menu, thông tin liên hệ, dòng bản quyền, bảng kiểu) luôn bị bỏ, và báo cáo liệt kê chúng; số và ngày viết bằng chữ số luôn được giữ.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="82"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="88"/>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="89"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="90"/>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="93"/>
        <source>Text without a translation</source>
        <translation>Đoạn chưa có bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="95"/>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="101"/>
        <source>The export report appears here.</source>
        <translation>Báo cáo xuất sẽ hiện ở đây.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="104"/>
        <source>Hand off</source>
        <translation>Giao</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="156"/>
        <source>All target languages</source>
        <translation>Mọi ngôn ngữ đích</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="180"/>
        <source>Choose where to save the file.</source>
        <translation>Hãy chọn nơi lưu tệp.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="184"/>
        <source>{0} exists. Replace it?</source>
        <translation>{0} đã có. Thay thế?</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="201"/>
        <source>Writing {0}…</source>
        <translation>Đang ghi {0}…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/export_dialog.py" line="227"/>
        <source>Not exported: {0}</source>
        <translation>Chưa xuất: {0}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="36"/>
        <source>Search source and translations (Ctrl+F)</source>
        <extracomment>the quality-check hook: the ids of segments with a problem, or None when no checks are installed</extracomment>
        <translation>Tìm trong bản gốc và bản dịch (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="41"/>
        <source>in source and translations</source>
        <translation>trong bản gốc và bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="42"/>
        <source>in source</source>
        <translation>trong bản gốc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="43"/>
        <source>in translations</source>
        <translation>trong bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="47"/>
        <source>Ignore diacritics</source>
        <translation>Bỏ qua dấu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="48"/>
        <source>“hoa” also finds “hòa”, “hoà” and “Hóa”</source>
        <translation>“hoa” cũng tìm thấy “hòa”, “hoà” và “Hóa”</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="50"/>
        <source>Match case</source>
        <translation>Phân biệt hoa thường</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="54"/>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="55"/>
        <source>Needing work</source>
        <translation>Cần xử lý</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="57"/>
        <source>Untranslated</source>
        <translation>Chưa dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="58"/>
        <source>Draft</source>
        <translation>Bản nháp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="59"/>
        <source>Translated</source>
        <translation>Đã dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="60"/>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="61"/>
        <source>Needs work</source>
        <translation>Cần sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="66"/>
        <source>any language</source>
        <translation>mọi ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="70"/>
        <source>Has QA issue</source>
        <translation>Có lỗi kiểm tra</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="72"/>
        <source>Quality checks are not installed yet</source>
        <translation>Chưa có bộ kiểm tra chất lượng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="75"/>
        <source>The quality estimate of the machine draft in the cell</source>
        <translation>Ước lượng chất lượng của bản nháp máy trong ô</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="76"/>
        <source>any quality</source>
        <translation>mọi mức chất lượng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="78"/>
        <source>Poor drafts</source>
        <translation>Bản nháp kém</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="79"/>
        <source>Drafts to check</source>
        <translation>Bản nháp cần xem lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="80"/>
        <source>Good drafts</source>
        <translation>Bản nháp tốt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="81"/>
        <source>Drafts not estimated</source>
        <translation>Bản nháp chưa ước lượng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="85"/>
        <source>Poor drafts first</source>
        <translation>Bản nháp kém trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="86"/>
        <source>Poor machine drafts first, then those to check, good, the rest last</source>
        <translation>Bản nháp máy kém trước, rồi đến bản cần xem lại, bản tốt, còn lại sau cùng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/filter_bar.py" line="101"/>
        <source>Only segments with a quality problem</source>
        <translation>Chỉ các đoạn có lỗi chất lượng</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="35"/>
        <source>Find and replace in translations</source>
        <translation>Tìm và thay thế trong bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="44"/>
        <source>Match case</source>
        <translation>Phân biệt hoa thường</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="45"/>
        <source>Ignore diacritics</source>
        <translation>Bỏ qua dấu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="46"/>
        <source>Find:</source>
        <translation>Tìm:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="47"/>
        <source>Replace with:</source>
        <translation>Thay bằng:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="48"/>
        <source>In:</source>
        <translation>Trong:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="51"/>
        <source>&amp;Preview</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="53"/>
        <source>Now</source>
        <translation>Hiện tại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="53"/>
        <source>After replacing</source>
        <translation>Sau khi thay</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="60"/>
        <source>Press Preview to see every change before it is made.</source>
        <translation>Bấm Xem trước để thấy mọi thay đổi trước khi thực hiện.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="62"/>
        <source>&amp;Replace checked</source>
        <translation>&amp;Thay các mục đã chọn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="85"/>
        <source>{0} replacements in {1} segments</source>
        <translation>{0} chỗ thay trong {1} đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/find_replace_dialog.py" line="93"/>
        <source>Replaced in {0} segments (Ctrl+Z undoes it)</source>
        <translation>Đã thay trong {0} đoạn (Ctrl+Z để hoàn tác)</translation>
    </message>
</context>
<context>
    <name>GoToDialog</name>
    <message>
        <location filename="../../workbench/ui/go_to_dialog.py" line="26"/>
        <source>Go to segment</source>
        <translation>Đến đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/go_to_dialog.py" line="29"/>
        <source>Segment number in {0}, or a document and number ({1}):</source>
        <translation>Số đoạn trong {0}, hoặc tài liệu và số ({1}):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/go_to_dialog.py" line="31"/>
        <source>A document and segment number ({0}):</source>
        <translation>Tài liệu và số đoạn ({0}):</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/go_to_dialog.py" line="52"/>
        <source>Type a segment number.</source>
        <translation>Hãy gõ số đoạn.</translation>
    </message>
</context>
<context>
    <name>GridCommands</name>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="28"/>
        <source>&amp;Confirm and go to the next segment needing work</source>
        <translation>&amp;Xác nhận và sang đoạn cần xử lý tiếp theo</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="31"/>
        <source>&amp;Next segment</source>
        <translation>Đoạn &amp;sau</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="32"/>
        <source>&amp;Previous segment</source>
        <translation>Đoạn &amp;trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="33"/>
        <source>Copy &amp;source</source>
        <translation>Chép &amp;bản gốc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="35"/>
        <source>Mark &amp;not for translation / for translation</source>
        <translation>Đánh dấu &amp;không cần dịch / cần dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="39"/>
        <source>Insert suggestion {0}</source>
        <translation>Chèn gợi ý {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="44"/>
        <source>Insert glossary term {0}</source>
        <translation>Chèn thuật ngữ {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="64"/>
        <source>Nothing to confirm: the translation is empty</source>
        <translation>Không có gì để xác nhận: bản dịch trống</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="80"/>
        <source>Every segment here is done in {0}</source>
        <translation>Mọi đoạn ở đây đã xong bằng {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="107"/>
        <source>There is no suggestion {0}</source>
        <translation>Không có gợi ý {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="115"/>
        <source>There is no glossary term {0}</source>
        <translation>Không có thuật ngữ {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="134"/>
        <source>marked by the user</source>
        <translation>người dùng đánh dấu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/grid_commands.py" line="136"/>
        <source>Cannot change the segment</source>
        <translation>Không đổi được đoạn</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="82"/>
        <location filename="../../workbench/ui/import_dialog.py" line="158"/>
        <source>Import files</source>
        <translation>Nhập tệp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="97"/>
        <source>&amp;Add files…</source>
        <extracomment>the project&apos;s segmentation exceptions (made on the GUI thread: the reading tasks only use it)</extracomment>
        <translation>&amp;Thêm tệp…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="99"/>
        <source>&amp;Remove</source>
        <translation>&amp;Bỏ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="113"/>
        <source>as detected</source>
        <translation>theo nhận dạng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="116"/>
        <source>Force an encoding if the preview shows broken Vietnamese letters</source>
        <translation>Chọn bảng mã nếu bản xem trước hiện sai chữ Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="117"/>
        <source>Translate</source>
        <translation>Dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="117"/>
        <source>Segment</source>
        <translation>Đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="129"/>
        <source>Encoding:</source>
        <translation>Bảng mã:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="141"/>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="240"/>
        <source>Reading {0}…</source>
        <translation>Đang đọc {0}…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="247"/>
        <source>{0}: {1}, encoding {2}; {3} segments, {4} not for translation</source>
        <translation>{0}: {1}, bảng mã {2}; {3} đoạn, {4} không cần dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="256"/>
        <source>Not for translation: {0}</source>
        <translation>Không cần dịch: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/import_dialog.py" line="275"/>
        <source>{0} files ready, {1} being read</source>
        <translation>{0} tệp sẵn sàng, {1} đang đọc</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="133"/>
        <source>Join {0}</source>
        <translation>Nối {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="135"/>
        <source>Join {0} with the next segment:
{1}
{2}</source>
        <translation>Nối {0} với đoạn kế tiếp:
{1}
{2}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="143"/>
        <source>Their translations ({0}) are joined too; where either was not confirmed, the joined one is a draft to review.</source>
        <translation>Các bản dịch ({0}) cũng được nối; nếu một trong hai chưa được xác nhận, bản nối là bản nháp cần xem lại.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="149"/>
        <source>Also never break here in future imports (add an exception)</source>
        <translation>Từ nay khi nhập cũng không bao giờ tách ở đây (thêm ngoại lệ)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="151"/>
        <source>&amp;Join</source>
        <translation>&amp;Nối</translation>
    </message>
</context>
<context>
    <name>MemoryGlossaryActions</name>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="30"/>
        <source>Add a glossary &amp;term from the selection</source>
        <translation>Thêm &amp;thuật ngữ từ phần đã chọn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="32"/>
        <source>&amp;Import a glossary (CSV, TBX)…</source>
        <translation>&amp;Nhập bảng thuật ngữ (CSV, TBX)…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="33"/>
        <source>&amp;Export the glossary…</source>
        <translation>&amp;Xuất bảng thuật ngữ…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="35"/>
        <source>Import a &amp;TMX file into the shared memory…</source>
        <translation>Nhập tệp &amp;TMX vào bộ nhớ dịch chung…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="37"/>
        <source>Export the project &amp;memory as TMX…</source>
        <translation>Xuất &amp;bộ nhớ dịch của dự án thành TMX…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="57"/>
        <source>Cannot add the term</source>
        <translation>Không thêm được thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="59"/>
        <source>Added to the glossary: {0}</source>
        <translation>Đã thêm vào bảng thuật ngữ: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="65"/>
        <source>Import a glossary</source>
        <translation>Nhập bảng thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="65"/>
        <source>Glossaries</source>
        <translation>Bảng thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="72"/>
        <source>Cannot import the glossary</source>
        <translation>Không nhập được bảng thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="74"/>
        <source>{0} terms imported</source>
        <translation>Đã nhập {0} thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="80"/>
        <source>Export the glossary</source>
        <translation>Xuất bảng thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="86"/>
        <source>Cannot export the glossary</source>
        <translation>Không xuất được bảng thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="91"/>
        <source>Import a TMX file</source>
        <translation>Nhập tệp TMX</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="98"/>
        <source>Cannot import the TMX file</source>
        <translation>Không nhập được tệp TMX</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="101"/>
        <source>1 new unit in the shared memory</source>
        <translation>1 đơn vị mới trong bộ nhớ dịch chung</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="103"/>
        <source>{0} new units in the shared memory</source>
        <translation>{0} đơn vị mới trong bộ nhớ dịch chung</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="110"/>
        <source>TMX file imported</source>
        <translation>Đã nhập tệp TMX</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="118"/>
        <source>Export the project memory</source>
        <translation>Xuất bộ nhớ dịch của dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/memory_glossary.py" line="124"/>
        <source>Cannot export the memory</source>
        <translation>Không xuất được bộ nhớ dịch</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="57"/>
        <source>Merge back {0}</source>
        <extracomment>the order rows are listed in: what needs a decision first segment ids written by the merge</extracomment>
        <translation>Nhập lại {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="67"/>
        <source>Segment</source>
        <translation>Đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="67"/>
        <source>Source</source>
        <translation>Bản gốc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="67"/>
        <source>Here</source>
        <translation>Ở đây</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="67"/>
        <source>In the file</source>
        <translation>Trong tệp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="67"/>
        <source>What happens</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="78"/>
        <source>Merge</source>
        <translation>Nhập lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="82"/>
        <source>Translation into</source>
        <translation>Bản dịch sang</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="99"/>
        <source>This file cannot be merged: {0}</source>
        <translation>Không thể nhập lại tệp này: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="105"/>
        <source>conflict: tick to take the file&apos;s text</source>
        <translation>xung đột: đánh dấu để lấy bản trong tệp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="106"/>
        <source>left out: the source differs</source>
        <translation>bỏ qua: bản gốc khác</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="107"/>
        <source>will be updated</source>
        <translation>sẽ được cập nhật</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="108"/>
        <source>left out: not in this project</source>
        <translation>bỏ qua: không thuộc dự án này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="109"/>
        <source>unchanged</source>
        <translation>không đổi</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="110"/>
        <source>no translation in the file</source>
        <translation>tệp không có bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="111"/>
        <source>left out: another unit of the file is for this segment</source>
        <translation>bỏ qua: một đơn vị khác của tệp dành cho đoạn này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="114"/>
        <source>(matched by id)</source>
        <translation>(khớp theo mã)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="115"/>
        <source>(matched by source text)</source>
        <translation>(khớp theo văn bản nguồn)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="116"/>
        <source>(matched by source text and order)</source>
        <translation>(khớp theo văn bản nguồn và thứ tự)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="133"/>
        <source>{0} units: {1} to update, {2} unchanged, {3} conflicts, {4} with another source, {5} not in this project. Approved text changes only where you tick it.</source>
        <translation>{0} đơn vị: {1} cập nhật, {2} không đổi, {3} xung đột, {4} có bản gốc khác, {5} không thuộc dự án này. Bản dịch đã duyệt chỉ thay đổi ở chỗ bạn đánh dấu.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/merge_dialog.py" line="158"/>
        <source>Cannot merge</source>
        <translation>Không thể nhập lại</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="99"/>
        <source>Translation models</source>
        <extracomment>the directions whose scores the table shows, published and measured the table&apos;s columns: name, directions, licence, (published, measured) per scored direction, size, installed, note a task ended: whether it went well, and what it said takes the new settings a model choice makes (the window&apos;s AppContext.update_settings) what the evaluation dialog measures with (the window&apos;s), and the open project it may measure on routes made while the dialog is open, listed even after another choice replaced them</extracomment>
        <translation>Mô hình dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="109"/>
        <source>Published {0}</source>
        <translation>Công bố {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="109"/>
        <source>Measured {0}</source>
        <translation>Đo được {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="112"/>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="112"/>
        <source>Directions</source>
        <translation>Chiều dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="112"/>
        <source>Licence</source>
        <translation>Giấy phép</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="112"/>
        <source>Size (int8)</source>
        <translation>Dung lượng (int8)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="113"/>
        <source>Installed</source>
        <translation>Đã cài</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="113"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="123"/>
        <source>Install from &amp;folder…</source>
        <translation>Cài từ &amp;thư mục…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="124"/>
        <source>Install from &amp;archive…</source>
        <translation>Cài từ tệp &amp;nén…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="125"/>
        <source>&amp;Convert for speed</source>
        <translation>&amp;Chuyển đổi để chạy nhanh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="126"/>
        <source>&amp;Benchmark</source>
        <translation>&amp;Đo tốc độ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="127"/>
        <source>&amp;Remove</source>
        <translation>&amp;Bỏ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="128"/>
        <source>&amp;New route…</source>
        <translation>Tuyến &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="129"/>
        <source>Translate through another language, a model for each hop</source>
        <translation>Dịch qua một ngôn ngữ trung gian, mỗi chặng một mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="130"/>
        <source>&amp;Evaluate…</source>
        <translation>Đá&amp;nh giá…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="131"/>
        <source>Measure models and routes on your own texts</source>
        <translation>Đo các mô hình và tuyến trên văn bản của chính bạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="156"/>
        <source>Model or route for {0}:</source>
        <translation>Mô hình hoặc tuyến cho {0}:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="215"/>
        <source>No published score for {0} on {1}</source>
        <translation>Chưa có điểm công bố của {0} cho {1}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="220"/>
        <source>{0}, published at {1}</source>
        <translation>{0}, công bố tại {1}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="224"/>
        <source>Not measured yet: Evaluate… measures it on your texts</source>
        <translation>Chưa đo: Đánh giá… sẽ đo trên văn bản của bạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="228"/>
        <source>{0} on {1}: {2} of {3} segments, {4}; {5:.1f} {6}</source>
        <translation>{0} trên {1}: {2} trong {3} đoạn, {4}; {5:.1f} {6}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="257"/>
        <source>not supported yet</source>
        <translation>chưa hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="267"/>
        <source>missing: {0}</source>
        <translation>thiếu: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="267"/>
        <source>every hop</source>
        <translation>đủ mọi chặng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="268"/>
        <source>route through {0}</source>
        <translation>tuyến qua {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="282"/>
        <source>catalogue default ({0})</source>
        <translation>mặc định của danh mục ({0})</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="282"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="292"/>
        <source>{0} (does not translate into {1})</source>
        <translation>{0} (không dịch sang {1})</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="294"/>
        <source>{0} (not installed)</source>
        <translation>{0} (chưa cài)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="296"/>
        <source>{0} (not a route that can be read)</source>
        <translation>{0} (không đọc được tuyến này)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="341"/>
        <source>{0} now drafts {1}</source>
        <translation>Từ nay {0} dịch nháp sang {1}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="370"/>
        <source>Failed: {0}</source>
        <translation>Thất bại: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="375"/>
        <location filename="../../workbench/ui/model_manager.py" line="432"/>
        <source>Model manager</source>
        <translation>Quản lý mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="380"/>
        <source>Checking and installing {0}…</source>
        <translation>Đang kiểm tra và cài {0}…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="381"/>
        <source>Installed {0}</source>
        <translation>Đã cài {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="385"/>
        <source>Model folder</source>
        <translation>Thư mục mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="391"/>
        <source>Model archive</source>
        <translation>Tệp nén mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="391"/>
        <source>Archives</source>
        <translation>Tệp nén</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="400"/>
        <source>Converting {0} (int8)…</source>
        <translation>Đang chuyển đổi {0} (int8)…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="401"/>
        <source>Converted: {0}</source>
        <translation>Đã chuyển đổi: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="415"/>
        <source>Convert the model first to measure its CTranslate2 speed</source>
        <translation>Hãy chuyển đổi mô hình trước để đo tốc độ CTranslate2</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="417"/>
        <source>Benchmark of {0} finished</source>
        <translation>Đã đo xong {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="419"/>
        <source>Measuring {0} (random sentences, a few minutes)…</source>
        <translation>Đang đo {0} (câu ngẫu nhiên, vài phút)…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="426"/>
        <source>Remove model</source>
        <translation>Gỡ mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="426"/>
        <source>Remove {0} from this computer?</source>
        <translation>Gỡ {0} khỏi máy này?</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/model_manager.py" line="437"/>
        <source>Please wait: a task is still running</source>
        <translation>Vui lòng chờ: một tác vụ đang chạy</translation>
    </message>
</context>
<context>
    <name>NavigationActions</name>
    <message>
        <location filename="../../workbench/ui/actions/navigation.py" line="31"/>
        <source>&amp;Go to segment…</source>
        <extracomment>the path of a recent project to open in place of this one</extracomment>
        <translation>Đến &amp;đoạn…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/navigation.py" line="32"/>
        <source>&amp;Recent projects</source>
        <translation>Dự án &amp;gần đây</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/navigation.py" line="82"/>
        <source>That segment is hidden by the filter: clear the filter to see it</source>
        <translation>Đoạn đó bị bộ lọc ẩn: hãy xóa bộ lọc để thấy nó</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/navigation.py" line="100"/>
        <source>(none yet)</source>
        <translation>(chưa có)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/navigation.py" line="111"/>
        <source>Cannot open the project</source>
        <translation>Không thể mở dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/navigation.py" line="112"/>
        <source>{0} is not there any more (moved, renamed or deleted); it is taken off the list.</source>
        <translation>{0} không còn ở đó (đã chuyển, đổi tên hoặc xóa); đã bỏ khỏi danh sách.</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="27"/>
        <source>New project</source>
        <translation>Dự án mới</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="30"/>
        <source>e.g. Tin tức An Giang 2026</source>
        <translation>ví dụ: Tin tức An Giang 2026</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="32"/>
        <source>Browse…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="37"/>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="38"/>
        <source>Khmer</source>
        <translation>Tiếng Khmer</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="45"/>
        <source>Name:</source>
        <translation>Tên:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="46"/>
        <source>Folder:</source>
        <translation>Thư mục:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="47"/>
        <source>Source language:</source>
        <translation>Ngôn ngữ nguồn:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="47"/>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="48"/>
        <source>Translate into:</source>
        <translation>Dịch sang:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/new_project_dialog.py" line="62"/>
        <source>Folder for the project</source>
        <translation>Thư mục cho dự án</translation>
    </message>
</context>
<context>
    <name>ProjectDialogs</name>
    <message>
        <location filename="../../workbench/ui/actions/project_dialogs.py" line="31"/>
        <source>&amp;Import files…</source>
        <translation>&amp;Nhập tệp…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/project_dialogs.py" line="32"/>
        <source>&amp;Find…</source>
        <translation>&amp;Tìm…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/project_dialogs.py" line="33"/>
        <source>Find and &amp;replace…</source>
        <translation>Tìm và &amp;thay…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/project_dialogs.py" line="34"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/project_dialogs.py" line="35"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/project_dialogs.py" line="36"/>
        <source>&amp;Models…</source>
        <translation>&amp;Mô hình…</translation>
    </message>
</context>
<context>
    <name>ProjectWindow</name>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="200"/>
        <source>Cannot save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="201"/>
        <source>Unconfirmed text kept</source>
        <translation>Đã giữ văn bản chưa xác nhận</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="62"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="66"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="70"/>
        <source>&amp;Segment</source>
        <translation>Đ&amp;oạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="76"/>
        <source>Re&amp;view</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="80"/>
        <source>&amp;Translate</source>
        <translation>&amp;Dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="85"/>
        <source>T&amp;ools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="91"/>
        <source>Te&amp;am</source>
        <translation>&amp;Nhóm</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="92"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/window_menus.py" line="93"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="158"/>
        <source>&amp;Close project</source>
        <translation>Đó&amp;ng dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="160"/>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="162"/>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="166"/>
        <source>Show {0}</source>
        <translation>Hiện {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="172"/>
        <source>Show the side &amp;panel</source>
        <translation>Hiện &amp;bảng bên</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="177"/>
        <source>&amp;Editor pane under the grid</source>
        <translation>Khung &amp;soạn thảo dưới bảng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="293"/>
        <source>{0} segments</source>
        <translation>{0} đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="293"/>
        <source>1 segment</source>
        <translation>1 đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="306"/>
        <source>Cannot filter</source>
        <translation>Không lọc được</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/project_window.py" line="211"/>
        <location filename="../../workbench/ui/project_window.py" line="456"/>
        <source>Edit cancelled</source>
        <translation>Đã hủy sửa</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="vanished">Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="vanished">Hủy</translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="vanished">Lưu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="vanished">Đóng</translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="vanished">Mở</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="vanished">&amp;Có</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="vanished">&amp;Không</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="vanished">Áp dụng</translation>
    </message>
</context>
<context>
    <name>QualityCheckActions</name>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="46"/>
        <source>&amp;Check this document</source>
        <translation>&amp;Kiểm tra tài liệu này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="49"/>
        <source>Check the whole &amp;project</source>
        <translation>Kiểm tra toàn bộ &amp;dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="98"/>
        <source>Checks failed</source>
        <translation>Kiểm tra thất bại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="77"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="111"/>
        <source>{0} findings</source>
        <translation>{0} phát hiện</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="51"/>
        <source>Cancel the chec&amp;ks</source>
        <translation>Hủy &amp;kiểm tra</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="59"/>
        <source>Checking… {0} of {1} parts done</source>
        <translation>Đang kiểm tra… xong {0} trên {1} phần</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/quality_checks.py" line="103"/>
        <source>Checks cancelled</source>
        <translation>Đã hủy kiểm tra</translation>
    </message>
</context>
<context>
    <name>RecoveryBanner</name>
    <message>
        <location filename="../../workbench/ui/actions/recovery.py" line="30"/>
        <source>Keep them as drafts</source>
        <translation>Giữ làm bản nháp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/recovery.py" line="31"/>
        <source>Discard</source>
        <translation>Bỏ đi</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/recovery.py" line="45"/>
        <source>An unconfirmed edit from your last session was kept when the program stopped. Keep it as a draft (you still confirm it), or discard it?</source>
        <translation>Một chỉnh sửa chưa xác nhận từ phiên trước được giữ lại khi chương trình dừng. Giữ nó làm bản nháp (bạn vẫn cần xác nhận), hay bỏ đi?</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/recovery.py" line="50"/>
        <source>{0} unconfirmed edits from your last session were kept when the program stopped. Keep them as drafts (you still confirm each), or discard them?</source>
        <translation>Khi chương trình dừng, {0} chỗ sửa chưa xác nhận của phiên trước đã được giữ lại. Giữ làm bản nháp (bạn vẫn xác nhận từng đoạn) hay bỏ đi?</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/recovery.py" line="61"/>
        <source>Cannot keep the recovered text</source>
        <translation>Không giữ được văn bản khôi phục</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="44"/>
        <source>&amp;Review translations…</source>
        <translation>&amp;Duyệt bản dịch…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="45"/>
        <source>&amp;Approve the selected segments</source>
        <translation>Duyệt các đoạn đã &amp;chọn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="47"/>
        <source>Approve the whole &amp;document…</source>
        <translation>Duyệt cả &amp;tài liệu…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="48"/>
        <source>&amp;Send back with a comment…</source>
        <translation>&amp;Trả lại kèm nhận xét…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="50"/>
        <source>Post-editing &amp;report</source>
        <translation>&amp;Báo cáo hậu biên tập</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="63"/>
        <source>Only an editor can approve or send back (Edit &gt; Settings &gt; Role)</source>
        <translation>Chỉ biên tập viên mới được duyệt hoặc trả lại (Sửa &gt; Cài đặt &gt; Vai trò)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="80"/>
        <source>Cannot approve</source>
        <translation>Không thể duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="76"/>
        <source>Approve {0} segments</source>
        <translation>Duyệt {0} đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="54"/>
        <source>&amp;Export…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="56"/>
        <source>&amp;Hand off to a translator elsewhere…</source>
        <translation>&amp;Giao cho người dịch ở nơi khác…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="58"/>
        <source>&amp;Merge back a hand-off file…</source>
        <translation>&amp;Nhập lại tệp đã giao…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="84"/>
        <source>{0} segments approved in {1}</source>
        <translation>Đã duyệt {0} đoạn ({1})</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="103"/>
        <source>Nothing translated is waiting for approval here</source>
        <translation>Không có bản dịch nào đang chờ duyệt ở đây</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="107"/>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="108"/>
        <source>Approve {0} translated segments in {1}? Review mode (F8) shows them one by one first.</source>
        <translation>Duyệt {0} đoạn đã dịch sang {1}? Chế độ duyệt (F8) cho xem từng đoạn trước.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="125"/>
        <location filename="../../workbench/ui/actions/review.py" line="132"/>
        <source>Send back</source>
        <translation>Trả lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="125"/>
        <source>What needs work? The translator reads this.</source>
        <translation>Cần sửa gì? Người dịch sẽ đọc nhận xét này.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="136"/>
        <source>Cannot send back</source>
        <translation>Không thể trả lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="167"/>
        <source>Post-editing report — {0}</source>
        <translation>Báo cáo hậu biên tập — {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="200"/>
        <source>Merge back a hand-off file</source>
        <translation>Nhập lại tệp đã giao</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="201"/>
        <source>Hand-off files</source>
        <translation>Tệp đã giao</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/review.py" line="219"/>
        <source>{0} segments merged</source>
        <translation>Đã nhập lại {0} đoạn</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="68"/>
        <source>Review — {0}</source>
        <extracomment>QSettings key of the &quot;Step in band order&quot; choice segment ids the review changed</extracomment>
        <translation>Duyệt — {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="88"/>
        <source>What needs work (required to send back)</source>
        <extracomment>whether an installed model can translate a language into the source language (None: not known)</extracomment>
        <translation>Cần sửa gì (bắt buộc khi trả lại)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="96"/>
        <source>Source</source>
        <translation>Bản gốc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="97"/>
        <source>Machine draft</source>
        <translation>Bản nháp máy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="98"/>
        <source>Back-translation</source>
        <translation>Bản dịch ngược</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="99"/>
        <source>Changes</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="100"/>
        <source>Translation</source>
        <translation>Bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="101"/>
        <source>Comment</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="103"/>
        <source>Previous</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="104"/>
        <source>Skip</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="105"/>
        <location filename="../../workbench/ui/review_dialog.py" line="260"/>
        <source>Send back</source>
        <translation>Trả lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="106"/>
        <location filename="../../workbench/ui/review_dialog.py" line="243"/>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="108"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="118"/>
        <source>Step in band order (poor drafts first)</source>
        <translation>Đi theo thứ tự mức chất lượng (bản nháp kém trước)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="119"/>
        <source>Poor machine drafts first, then those to check, good, the rest last</source>
        <translation>Bản nháp máy kém trước, rồi đến bản cần xem lại, bản tốt, còn lại sau cùng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="154"/>
        <source>Cannot read the quality estimates</source>
        <translation>Không đọc được ước lượng chất lượng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="168"/>
        <source>{0} approved, {1} sent back in this review</source>
        <translation>Lần duyệt này: {0} đã duyệt, {1} trả lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="173"/>
        <source>Nothing left to review: every translated segment here has been seen.</source>
        <translation>Đã xem hết: mọi đoạn đã dịch ở đây đều đã được duyệt qua.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="174"/>
        <source>There are no translated segments to review here.</source>
        <translation>Ở đây không có đoạn đã dịch nào để duyệt.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="186"/>
        <source>Cannot read the segment</source>
        <translation>Không đọc được đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="193"/>
        <source>Segment {0} of {1} — {2}, #{3} ({4})</source>
        <translation>Đoạn {0}/{1} — {2}, #{3} ({4})</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="201"/>
        <source>(no machine draft: translated by hand)</source>
        <translation>(không có bản nháp máy: dịch tay)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="211"/>
        <source>Accepted unchanged.</source>
        <translation>Giữ nguyên bản nháp.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="243"/>
        <source>Cannot approve</source>
        <translation>Không thể duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="253"/>
        <source>Write what needs work in the comment, then send it back.</source>
        <translation>Hãy ghi điều cần sửa vào ô nhận xét rồi trả lại.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/review_dialog.py" line="260"/>
        <source>Cannot send back</source>
        <translation>Không thể trả lại</translation>
    </message>
</context>
<context>
    <name>RouteDialog</name>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="62"/>
        <source>New route</source>
        <translation>Tuyến mới</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="75"/>
        <source>&amp;Into:</source>
        <translation>&amp;Sang:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="76"/>
        <source>&amp;Through:</source>
        <translation>&amp;Qua:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="77"/>
        <source>&amp;First hop:</source>
        <translation>Chặng &amp;đầu:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="78"/>
        <source>&amp;Second hop:</source>
        <translation>Chặng &amp;hai:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="79"/>
        <source>Licences:</source>
        <translation>Giấy phép:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/route_editor.py" line="132"/>
        <source>No installed model serves {0}</source>
        <translation>Không có mô hình đã cài nào phục vụ {0}</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="54"/>
        <source>Edit rule</source>
        <translation>Sửa quy tắc</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="54"/>
        <source>Add an edit rule</source>
        <translation>Thêm quy tắc sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="57"/>
        <source>Source, before MT</source>
        <translation>Nguồn, trước khi dịch máy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="58"/>
        <source>Output, after MT</source>
        <translation>Đầu ra, sau khi dịch máy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="60"/>
        <source>Every target language</source>
        <translation>Mọi ngôn ngữ đích</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="64"/>
        <source>a regular expression, e.g. \bUBND\b</source>
        <translation>một biểu thức chính quy, ví dụ \bUBND\b</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="66"/>
        <source>the new text; \1 or \g&lt;name&gt; for a group</source>
        <translation>văn bản mới; \1 hoặc \g&lt;name&gt; cho một nhóm</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="68"/>
        <source>On</source>
        <translation>Bật</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="77"/>
        <source>Applies to:</source>
        <translation>Áp dụng cho:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="78"/>
        <source>Language:</source>
        <translation>Ngôn ngữ:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="79"/>
        <source>Pattern:</source>
        <translation>Mẫu:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="80"/>
        <source>Replacement:</source>
        <translation>Thay bằng:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/edit_rules_dialog.py" line="81"/>
        <source>Note:</source>
        <translation>Ghi chú:</translation>
    </message>
</context>
<context>
    <name>SegmentStructureActions</name>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="87"/>
        <source>S&amp;plit the segment…</source>
        <translation>&amp;Tách đoạn…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="88"/>
        <source>&amp;Join with the next segment</source>
        <translation>&amp;Nối với đoạn kế tiếp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="108"/>
        <source>Split {0}</source>
        <translation>Tách {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="138"/>
        <source>Join {0}</source>
        <translation>Nối {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="147"/>
        <source>Next imports: {0}</source>
        <translation>Các lần nhập sau: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="154"/>
        <source>Choose a segment first</source>
        <translation>Hãy chọn một đoạn trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/segment_structure.py" line="168"/>
        <source>Cannot change the segments</source>
        <translation>Không thể thay đổi các đoạn</translation>
    </message>
</context>
<context>
    <name>SegmentTableModel</name>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="117"/>
        <location filename="../../workbench/ui/segment_table_model.py" line="121"/>
        <source>Vietnamese</source>
        <extracomment>glossary terms in the source: [(start, end, &quot;term → translations&quot;)] the quality band of the machine draft in the cell (&quot;good&quot;, &quot;check&quot;, &quot;poor&quot;; &quot;&quot; when none or edited since) on the # cell of a document&apos;s first row in a view of several documents: that document&apos;s name (else None) language -&gt; segment id -&gt; the notes on its machine draft the # column&apos;s tooltip names the document (&quot;le-hoi.docx #8&quot;), as QA reports and the CLI do set by the window when the project has a glossary: the source column then highlights terms</extracomment>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="121"/>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="121"/>
        <source>Khmer</source>
        <translation>Tiếng Khmer</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="198"/>
        <location filename="../../workbench/ui/segment_table_model.py" line="249"/>
        <source>Not for translation: {0}</source>
        <translation>Không cần dịch: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="261"/>
        <source>A poor machine draft was left out of this cell: the side panel offers it</source>
        <translation>Một bản nháp máy kém đã bị để ngoài ô này: bảng bên có nó</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="267"/>
        <source>Status: {0}</source>
        <translation>Trạng thái: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="269"/>
        <source>Machine translation by {0}</source>
        <translation>Dịch máy bởi {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="271"/>
        <source>Confidence {0:.0%}</source>
        <translation>Độ tin cậy {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="273"/>
        <source>By {0}</source>
        <translation>Bởi {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="280"/>
        <source>Low confidence: check this draft carefully</source>
        <translation>Độ tin cậy thấp: hãy kiểm tra kỹ bản nháp này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_table_model.py" line="282"/>
        <source>The model&apos;s output ran away: check this draft carefully</source>
        <translation>Đầu ra của mô hình bị lặp hoặc quá dài: hãy kiểm tra kỹ bản nháp này</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="55"/>
        <source>Settings</source>
        <extracomment>what the dialog was opened on until Save; then the new settings it made opens the model manager and gives the settings it leaves (None: no button)</extracomment>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="58"/>
        <source>Your name:</source>
        <translation>Tên của bạn:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="60"/>
        <source>Translator</source>
        <translation>Biên dịch viên</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="61"/>
        <source>Editor (may approve)</source>
        <translation>Biên tập viên (được duyệt)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="63"/>
        <source>Role:</source>
        <translation>Vai trò:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="68"/>
        <source>Takes effect the next time the workbench starts</source>
        <translation>Có hiệu lực từ lần khởi động sau</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="69"/>
        <source>Interface language:</source>
        <translation>Ngôn ngữ giao diện:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="71"/>
        <source>System font</source>
        <translation>Phông chữ hệ thống</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="77"/>
        <source>Text font:</source>
        <translation>Phông chữ:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="81"/>
        <source>default</source>
        <translation>mặc định</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="83"/>
        <source>Text size:</source>
        <translation>Cỡ chữ:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="88"/>
        <source>1 is fastest; 4 gives slightly better drafts and takes about three times longer</source>
        <translation>1 nhanh nhất; 4 cho bản nháp tốt hơn một chút nhưng lâu gấp khoảng ba lần</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="90"/>
        <source>MT beam size:</source>
        <translation>Độ rộng chùm (beam) dịch máy:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="91"/>
        <source>Write numbers in Khmer digits (០-៩) in Khmer drafts</source>
        <translation>Viết số bằng chữ số Khmer (០-៩) trong bản nháp tiếng Khmer</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="94"/>
        <source>Back-translate machine drafts into Vietnamese</source>
        <translation>Dịch ngược bản nháp máy sang tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="96"/>
        <source>In the background after the drafts, for an editor who reads the target language less well</source>
        <translation>Chạy nền sau các bản nháp, cho biên tập viên đọc ngôn ngữ đích chưa thạo</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="100"/>
        <source>Leave poor drafts out of the cell (keep them as suggestions)</source>
        <translation>Để bản nháp kém ngoài ô (giữ làm gợi ý)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="103"/>
        <source>Score every word of a machine draft (pre-translation about 25 % slower)</source>
        <translation>Chấm điểm từng từ của bản nháp máy (dịch trước chậm hơn khoảng 25 %)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="105"/>
        <source>The quality estimate then also knows how sure the model was of its least sure word.</source>
        <translation>Khi đó ước lượng chất lượng biết cả mức chắc chắn của mô hình ở từ nó kém chắc nhất.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="109"/>
        <source>Check spelling as you type (and in the checks)</source>
        <translation>Kiểm tra chính tả khi gõ (và trong các phép kiểm tra)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="112"/>
        <source>Also check the spelling of the Vietnamese source (a warning)</source>
        <translation>Kiểm tra cả chính tả của văn bản nguồn tiếng Việt (cảnh báo)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="114"/>
        <source>Finds typos in what was imported; needs the Vietnamese dictionary.</source>
        <translation>Tìm lỗi gõ trong văn bản đã nhập; cần từ điển tiếng Việt.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="120"/>
        <source>fill them as translated</source>
        <translation>điền thành đã dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="121"/>
        <source>fill them as drafts to review</source>
        <translation>điền thành bản nháp cần xem lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="122"/>
        <source>leave them</source>
        <translation>để nguyên</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="126"/>
        <source>Never over a person&apos;s work; one undo step with the confirmation</source>
        <translation>Không bao giờ ghi đè công việc của người dịch; hoàn tác cùng lúc với lần xác nhận</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="127"/>
        <source>Confirming a segment, its repetitions:</source>
        <translation>Khi xác nhận một đoạn, các đoạn lặp của nó:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="133"/>
        <source>Drafts {0}:</source>
        <translation>Dịch nháp {0}:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="134"/>
        <source>&amp;Models…</source>
        <translation>&amp;Mô hình…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="135"/>
        <source>Choose a model or a route per language in the model manager</source>
        <translation>Chọn mô hình hoặc tuyến cho từng ngôn ngữ trong trình quản lý mô hình</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="165"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="171"/>
        <source>catalogue default: {0}</source>
        <translation>mặc định của danh mục: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="173"/>
        <source>not installed: {0}</source>
        <translation>chưa cài: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="141"/>
        <source>Team server:</source>
        <translation>Máy chủ nhóm:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="144"/>
        <source>unchanged; kept in a pgpass file, never in the settings</source>
        <translation>không đổi; lưu trong tệp pgpass, không bao giờ trong phần cài đặt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/settings_dialog.py" line="145"/>
        <source>Team server password:</source>
        <translation>Mật khẩu máy chủ nhóm:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="21"/>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="32"/>
        <source>Edit the current cell</source>
        <translation>Sửa ô hiện tại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="33"/>
        <source>Cancel editing</source>
        <translation>Hủy sửa</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="34"/>
        <source>Leave the cell, keeping the text as a draft</source>
        <translation>Rời ô, giữ văn bản làm bản nháp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="35"/>
        <source>New line inside a translation</source>
        <translation>Xuống dòng trong bản dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="37"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/shortcuts_dialog.py" line="37"/>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="85"/>
        <source>Select words here and in the translation, then Ctrl+T adds a glossary term</source>
        <extracomment>live quality checks of the current cell: messages to show</extracomment>
        <translation>Chọn từ ở đây và trong bản dịch, rồi Ctrl+T để thêm thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="89"/>
        <source>Suggestions (Ctrl+1…9 inserts)</source>
        <translation>Gợi ý (Ctrl+1…9 để chèn)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="95"/>
        <source>Machine-translate this segment now (Ctrl+M)</source>
        <translation>Dịch máy đoạn này ngay (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="102"/>
        <source>Glossary (Alt+1…9 inserts at the cursor)</source>
        <translation>Thuật ngữ (Alt+1…9 để chèn tại con trỏ)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="110"/>
        <source>Checks</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="117"/>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="128"/>
        <source>Comment</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="131"/>
        <source>A note for the editor or for yourself; saved as you type.</source>
        <translation>Ghi chú cho biên tập viên hoặc cho chính bạn; được lưu khi bạn gõ.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="175"/>
        <source>Choose an English or Khmer cell to see its suggestions and history.</source>
        <translation>Chọn một ô tiếng Anh hoặc tiếng Khmer để xem gợi ý và lịch sử.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="177"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="203"/>
        <source>No suggestion yet: pre-translate, or press Ctrl+M.</source>
        <translation>Chưa có gợi ý: hãy dịch trước, hoặc bấm Ctrl+M.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="213"/>
        <source>No glossary terms in this segment.</source>
        <translation>Đoạn này không có thuật ngữ.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="223"/>
        <source>Changed from the draft of {0}:</source>
        <translation>Đã sửa so với bản nháp của {0}:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="242"/>
        <source>machine translation · {0}</source>
        <translation>dịch máy · {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="244"/>
        <source>confidence {0:.0%}</source>
        <translation>độ tin cậy {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/side_panel.py" line="247"/>
        <source>translation memory · {0}</source>
        <translation>bộ nhớ dịch · {0}</translation>
    </message>
</context>
<context>
    <name>SpellingActions</name>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="76"/>
        <source>Check &amp;spelling as you type</source>
        <extracomment>how long suggestions are looked for (spylls has no time limit of its own: checked between suggestions) the words whose suggestions are kept (a right-click on the same word again shows them at once)</extracomment>
        <translation>Kiểm tra &amp;chính tả khi gõ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="105"/>
        <source>Spelling: your dictionary is left out: {0}</source>
        <extracomment>the menus waiting for a task&apos;s suggestions: (menu, its &quot;Looking for suggestions…&quot; item, editor, cursor)</extracomment>
        <translation>Chính tả: từ điển của bạn không được dùng: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="114"/>
        <source>Spelling: {0}</source>
        <translation>Chính tả: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="193"/>
        <source>Looking for suggestions…</source>
        <translation>Đang tìm gợi ý…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="199"/>
        <source>Add “{0}” to the project dictionary</source>
        <translation>Thêm “{0}” vào từ điển của dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="201"/>
        <source>Add “{0}” to my dictionary</source>
        <translation>Thêm “{0}” vào từ điển của tôi</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="203"/>
        <source>Ignore “{0}”</source>
        <translation>Bỏ qua “{0}”</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/spelling.py" line="222"/>
        <source>(no suggestions)</source>
        <translation>(không có gợi ý)</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="61"/>
        <source>Split {0}</source>
        <translation>Tách {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="63"/>
        <source>Put the cursor where the first part should end, then press Split.</source>
        <translation>Đặt con trỏ tại nơi phần đầu kết thúc, rồi nhấn Tách.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="73"/>
        <source>Also always break here in future imports (add an exception)</source>
        <translation>Từ nay khi nhập cũng luôn tách ở đây (thêm ngoại lệ)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="74"/>
        <source>&amp;Split</source>
        <translation>&amp;Tách</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/segment_structure_dialogs.py" line="116"/>
        <source>First part: {0}
Second part: {1}</source>
        <translation>Phần đầu: {0}
Phần sau: {1}</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="40"/>
        <source>Translation Workbench</source>
        <translation>Bàn dịch thuật</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="46"/>
        <source>&lt;h2&gt;Translation Workbench&lt;/h2&gt;&lt;p&gt;Vietnamese → English, Khmer&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bàn dịch thuật&lt;/h2&gt;&lt;p&gt;Tiếng Việt → tiếng Anh, tiếng Khmer&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="49"/>
        <location filename="../../workbench/ui/start_window.py" line="72"/>
        <source>&amp;New project…</source>
        <translation>Dự án &amp;mới…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="50"/>
        <location filename="../../workbench/ui/start_window.py" line="73"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="53"/>
        <source>Recent projects:</source>
        <translation>Dự án gần đây:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="62"/>
        <source>No Khmer font is installed: Khmer text will show as boxes. Install Khmer OS or Noto Sans Khmer.</source>
        <translation>Chưa cài phông chữ Khmer: chữ Khmer sẽ hiện thành ô vuông. Hãy cài Khmer OS hoặc Noto Sans Khmer.</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="70"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="74"/>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="93"/>
        <source>Cannot create the project</source>
        <translation>Không tạo được dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="98"/>
        <source>Open project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="113"/>
        <source>Cannot open the project</source>
        <translation>Không mở được dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="140"/>
        <source>1 document</source>
        <translation>1 tài liệu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="140"/>
        <source>{0} documents</source>
        <translation>{0} tài liệu</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="141"/>
        <source>1 segment</source>
        <translation>1 đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="141"/>
        <source>{0} segments</source>
        <translation>{0} đoạn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/start_window.py" line="142"/>
        <source>{0}: {1}, {2}</source>
        <translation>{0}: {1}, {2}</translation>
    </message>
</context>
<context>
    <name>TagActions</name>
    <message>
        <location filename="../../workbench/ui/tag_editing.py" line="135"/>
        <source>Insert the next missing &amp;tag</source>
        <translation>Chèn &amp;thẻ còn thiếu tiếp theo</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/tag_editing.py" line="148"/>
        <source>No tag of the source is missing here</source>
        <translation>Bản dịch này không thiếu thẻ nào của bản gốc</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="42"/>
        <source>&amp;Sync now</source>
        <extracomment>the status line is read again at most this often while changes pour in (a pre-translation&apos;s batches)</extracomment>
        <translation>Đồng &amp;bộ ngay</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="43"/>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Xung đột…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="48"/>
        <source>This project is not shared on a team server (team publish shares it)</source>
        <translation>Dự án này chưa được chia sẻ trên máy chủ nhóm (team publish để chia sẻ)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="84"/>
        <source>Team: {0}</source>
        <translation>Nhóm: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="92"/>
        <source>Syncing with the team server…</source>
        <translation>Đang đồng bộ với máy chủ nhóm…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="122"/>
        <source>Synced: {0} sent, {1} received, {2} open conflict(s)</source>
        <translation>Đã đồng bộ: gửi {0}, nhận {1}, {2} xung đột chưa giải quyết</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="130"/>
        <source>The team server cannot be reached: {0}</source>
        <translation>Không kết nối được máy chủ nhóm: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/team.py" line="134"/>
        <source>Team sync</source>
        <translation>Đồng bộ nhóm</translation>
    </message>
</context>
<context>
    <name>TeamStatusLine</name>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="44"/>
        <source>just now</source>
        <extracomment>the words of a TeamServerError (server_connection) that mean the server could not be reached at all</extracomment>
        <translation>vừa xong</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="46"/>
        <source>{0} min ago</source>
        <translation>{0} phút trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="48"/>
        <source>{0} h ago</source>
        <translation>{0} giờ trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="66"/>
        <source>syncing…</source>
        <translation>đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="69"/>
        <source>sync refused since {0}</source>
        <translation>máy chủ từ chối đồng bộ từ {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="75"/>
        <source>offline since {0}</source>
        <translation>ngoại tuyến từ {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="78"/>
        <source>synced {0}</source>
        <translation>đã đồng bộ {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="80"/>
        <source>never synced</source>
        <translation>chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="83"/>
        <source>1 change waiting</source>
        <translation>1 thay đổi đang chờ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="85"/>
        <source>{0} changes waiting</source>
        <translation>{0} thay đổi đang chờ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="89"/>
        <source>1 conflict</source>
        <translation>1 xung đột</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="91"/>
        <source>{0} conflicts</source>
        <translation>{0} xung đột</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="93"/>
        <source>Team: {0}</source>
        <translation>Nhóm: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="104"/>
        <source>{0} on {1}, as {2}</source>
        <translation>{0} trên {1}, đăng nhập là {2}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="110"/>
        <source>Assigned to you: {0}</source>
        <translation>Giao cho bạn: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="112"/>
        <source>Last problem: {0}</source>
        <translation>Sự cố gần nhất: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/team_status_line.py" line="113"/>
        <source>Team &gt; Sync now (F5) syncs at once</source>
        <translation>Nhóm &gt; Đồng bộ ngay (F5) để đồng bộ ngay lập tức</translation>
    </message>
</context>
<context>
    <name>TermDialog</name>
    <message>
        <location filename="../../workbench/ui/term_dialog.py" line="36"/>
        <source>Add a glossary term</source>
        <translation>Thêm thuật ngữ</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/term_dialog.py" line="47"/>
        <source>forbidden alternatives, separated by ;</source>
        <translation>các cách dịch bị cấm, cách nhau bằng ;</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/term_dialog.py" line="50"/>
        <source>Note:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/term_dialog.py" line="51"/>
        <source>Keep as is (name, do not translate)</source>
        <translation>Giữ nguyên (tên riêng, không dịch)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/term_dialog.py" line="54"/>
        <source>Machine translation puts this term&apos;s translation (or the Vietnamese, when it has none) in verbatim instead of translating it.</source>
        <translation>Dịch máy đặt nguyên văn bản dịch của thuật ngữ này (hoặc tiếng Việt, khi không có bản dịch) thay vì dịch nó.</translation>
    </message>
</context>
<context>
    <name>TranslateActions</name>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="30"/>
        <source>&amp;Machine-translate this segment now</source>
        <translation>&amp;Dịch máy đoạn này ngay</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="33"/>
        <source>Pre-translate this &amp;document</source>
        <translation>Dịch trước &amp;tài liệu này</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="36"/>
        <source>Pre-translate the &amp;selected segments</source>
        <translation>Dịch trước các đoạn đã &amp;chọn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="39"/>
        <source>Pre-translate the whole &amp;project</source>
        <translation>Dịch trước toàn bộ &amp;dự án</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="41"/>
        <source>&amp;Cancel pre-translation</source>
        <translation>&amp;Hủy dịch trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="44"/>
        <source>&amp;Edit rules…</source>
        <translation>&amp;Quy tắc sửa…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="50"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="57"/>
        <source>Loading {0}…</source>
        <translation>Đang nạp {0}…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="81"/>
        <source>A pre-translation is already running</source>
        <translation>Đang có một lượt dịch trước</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="89"/>
        <source>Cannot pre-translate</source>
        <translation>Không dịch trước được</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="94"/>
        <source>Nothing left to translate ({0} drafts from earlier runs)</source>
        <translation>Không còn gì để dịch ({0} bản nháp từ các lần trước)</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="98"/>
        <location filename="../../workbench/ui/actions/translate.py" line="116"/>
        <source>Pre-translating {0} segments…</source>
        <translation>Đang dịch trước {0} đoạn…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="114"/>
        <source>{0}/{1} segments · {2:.1f}/s · {3} left</source>
        <translation>{0}/{1} đoạn · {2:.1f}/giây · còn {3}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="125"/>
        <source>Pre-translation finished</source>
        <translation>Đã dịch trước xong</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="127"/>
        <source>Pre-translation cancelled; the drafts made so far are kept</source>
        <translation>Đã hủy dịch trước; các bản nháp đã có được giữ lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="129"/>
        <source>Pre-translation stopped</source>
        <translation>Dịch trước bị dừng</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="135"/>
        <source>Back-translating {0} drafts…</source>
        <translation>Đang dịch ngược {0} bản nháp…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="144"/>
        <source>Back-translating: {0}/{1} drafts</source>
        <translation>Đang dịch ngược: {0}/{1} bản nháp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="153"/>
        <source>Back-translations finished</source>
        <translation>Đã dịch ngược xong</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="155"/>
        <source>Back-translation cancelled; those made so far are kept</source>
        <translation>Đã hủy dịch ngược; các bản đã làm được giữ lại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="157"/>
        <source>Back-translation stopped: {0}</source>
        <translation>Dịch ngược đã dừng: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="161"/>
        <source>Cancelling…</source>
        <translation>Đang hủy…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="178"/>
        <source>Translating segment {0}…</source>
        <translation>Đang dịch đoạn {0}…</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="175"/>
        <location filename="../../workbench/ui/actions/translate.py" line="188"/>
        <source>Machine translation failed</source>
        <translation>Dịch máy thất bại</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="199"/>
        <source>No translation model</source>
        <translation>Chưa có mô hình dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/actions/translate.py" line="200"/>
        <source>Open the model manager?</source>
        <translation>Mở trình quản lý mô hình?</translation>
    </message>
</context>
<context>
    <name>band</name>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="85"/>
        <source>good</source>
        <translation>tốt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="86"/>
        <source>check</source>
        <translation>cần xem</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="87"/>
        <source>poor</source>
        <translation>kém</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="95"/>
        <source>Quality estimate: {0}</source>
        <translation>Ước lượng chất lượng: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="106"/>
        <source>model confidence {0:.0%}</source>
        <translation>độ tin cậy của mô hình {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="108"/>
        <source>least sure word {0:.0%}</source>
        <translation>từ kém chắc nhất {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="110"/>
        <source>length ×{0:.2f} of the source</source>
        <translation>độ dài ×{0:.2f} so với nguồn</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="112"/>
        <source>round-trip similarity {0:.0%}</source>
        <translation>độ giống khi dịch khứ hồi {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="114"/>
        <source>agreement with a second model {0:.0%}</source>
        <translation>độ khớp với mô hình thứ hai {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="118"/>
        <source>protected numbers or codes lost: {0}</source>
        <translation>số hoặc mã được bảo vệ bị mất: {0}</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="120"/>
        <source>the output ran away</source>
        <translation>đầu ra bị lặp/chạy quá</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="122"/>
        <source>QA findings: {0}</source>
        <translation>Lỗi kiểm tra chất lượng: {0}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../workbench/ui/error_dialog.py" line="33"/>
        <source>Something went wrong</source>
        <translation>Đã có lỗi</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/error_dialog.py" line="34"/>
        <source>{0}

Your confirmed work is saved in the project file. Please report this with the details.</source>
        <translation>{0}

Công việc đã xác nhận của bạn được lưu trong tệp dự án. Vui lòng báo lỗi này kèm phần chi tiết.</translation>
    </message>
</context>
<context>
    <name>languages</name>
    <message>
        <location filename="../../workbench/ui/language_names.py" line="11"/>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/language_names.py" line="12"/>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/language_names.py" line="13"/>
        <source>Khmer</source>
        <translation>Tiếng Khmer</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="30"/>
        <source>untranslated</source>
        <extracomment>a band&apos;s colour; each band also has its own shape (square, diamond, octagon) so colour is never the only cue</extracomment>
        <translation>chưa dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="31"/>
        <source>draft</source>
        <translation>nháp</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="32"/>
        <source>translated</source>
        <translation>đã dịch</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="33"/>
        <source>approved</source>
        <translation>đã duyệt</translation>
    </message>
    <message>
        <location filename="../../workbench/ui/status_look.py" line="34"/>
        <source>needs work</source>
        <translation>cần sửa</translation>
    </message>
</context>
</TS>
