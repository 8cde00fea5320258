"""The pages of the step editor: the start page, 基本信息, the text steps, the table steps,
汇总各单位, 检查与导出 and its print preview.
"""
